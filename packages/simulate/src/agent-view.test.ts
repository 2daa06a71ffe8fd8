import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AgentView,
  type JsonValue,
  type Persona,
  runScenario,
  type Scenario,
} from "./index.js";

const fixtures = join(import.meta.dirname, "test-fixtures");

/** Runs `rounds` rounds of one agent whose `act` is `act`, against the vault. */
function runOne(act: Persona["act"], over: Partial<Scenario> = {}) {
  return runScenario(
    {
      name: "views",
      rounds: 2,
      contracts: [{ id: "vault", file: "./vault.ts" }],
      population: [{ persona: { name: "p", act }, count: 1, scrip: 50 }],
      ...over,
    },
    { baseDir: fixtures },
  );
}

describe("the agent view", () => {
  it("offers observations only: no kernel, nothing that changes the world", async () => {
    let keys: string[] = [];
    let frozen = false;
    await runOne((view) => {
      keys = Object.keys(view).sort();
      frozen = [view.principals, view.partners, view.contracts].every(Object.isFrozen);
      return undefined;
    });
    expect(frozen).toBe(true);
    expect(keys).toEqual([
      "as",
      "balance",
      "contracts",
      "events",
      "id",
      "listings",
      "memory",
      "owner",
      "partners",
      "persona",
      "principals",
      "round",
      "rounds",
      "state",
    ]);
  });

  it("cannot be used to gain a principal: the lists are frozen", async () => {
    const grab = (view: AgentView) => {
      (view.principals as string[]).push("deployer");
      return { kind: "transfer" as const, to: "p-1", amount: 1, as: "deployer" };
    };
    await expect(runOne(grab)).rejects.toMatchObject({
      code: "persona_failed",
      message: expect.stringMatching(/threw in round 1/),
    });
  });

  it("shows state only where the policy lets the agent read it for free, and as a copy", async () => {
    const seen: (JsonValue | undefined)[] = [];
    await runOne(
      (view) => {
        if (view.round === 1)
          return { kind: "write", id: "note", content: { n: 1 }, policy: { allowRead: ["p-1"] } };
        const note = view.state("note") as { n: number };
        note.n = 99;
        seen.push(
          view.state("note"),
          view.state("vault"),
          view.state("priced"),
          view.state("nothing"),
        );
        return undefined;
      },
      {
        contracts: [
          { id: "vault", file: "./vault.ts", policy: { allowRead: ["deployer"] } },
          { id: "priced", file: "./vault.ts", policy: { readPrice: 1 } },
        ],
      },
    );
    expect(seen).toEqual([{ n: 1 }, undefined, undefined, undefined]);
  });

  it("gives each agent an events cursor: a second look shows only what is new", async () => {
    const looks: number[][] = [];
    await runOne(
      (view) => {
        looks.push(
          view.events().map((e) => e.seq),
          view.events().map((e) => e.seq),
        );
        return { kind: "transfer", to: "deployer", amount: 1 };
      },
      { rounds: 3 },
    );
    const [first, again, second, , third] = looks;
    expect(first?.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
    // After its own transfer: exactly that transfer's event, once.
    expect(second).toHaveLength(1);
    expect(third).toHaveLength(1);
    expect(third?.[0]).toBeGreaterThan(second?.[0] ?? 0);
  });

  it("keeps notes between turns", async () => {
    const counts: JsonValue[] = [];
    await runOne(
      (view) => {
        view.memory.turns = Number(view.memory.turns ?? 0) + 1;
        counts.push(view.memory.turns);
        return undefined;
      },
      { rounds: 3 },
    );
    expect(counts).toEqual([1, 2, 3]);
  });
});
