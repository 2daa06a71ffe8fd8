import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Action, AgentView, Playbook, SimulationReport } from "../index.js";
import { colludingPair, freeRider, griefer, honest, runScenario, sybil } from "../index.js";

const fixtures = join(import.meta.dirname, "..", "test-fixtures");
/** Which move each principal was asked for, in order. */
const asked: { [principal: string]: string[] } = {};
const seen: {
  id: string;
  principals: readonly string[];
  partners: readonly string[];
  memory: unknown;
}[] = [];

function deposited(view: AgentView): number {
  const state = view.state("vault") as { deposits: { [id: string]: number } } | undefined;
  return state?.deposits[view.id] ?? 0;
}

function note(principal: string, what: string): void {
  asked[principal] = [...(asked[principal] ?? []), what];
}

function spy(name: string, move: (view: AgentView) => Action | undefined) {
  return (view: AgentView) => {
    note(view.id, name);
    if (view.round === 1)
      seen.push({
        id: view.id,
        principals: view.principals,
        partners: view.partners,
        memory: view.memory,
      });
    return move(view);
  };
}

const playbook: Playbook = {
  contribute: spy("contribute", (v) =>
    deposited(v) === 0
      ? { kind: "invoke", target: "vault", method: "deposit", value: 5 }
      : undefined,
  ),
  use: spy("use", (v) =>
    v.round % 2 === 0 ? { kind: "transfer", to: "deployer", amount: 1 } : undefined,
  ),
  claim: spy("claim", (v) =>
    deposited(v) > 0 && v.round === 4
      ? { kind: "invoke", target: "vault", method: "withdraw" }
      : undefined,
  ),
  enter: spy("enter", (v) =>
    deposited(v) === 0
      ? { kind: "invoke", target: "vault", method: "deposit", value: 1 }
      : undefined,
  ),
  grief: spy("grief", () => ({ kind: "invoke", target: "vault", method: "nope" })),
  collude: (view, _rng, partner) => {
    note(view.id, `collude:${partner}`);
    return { kind: "transfer", to: partner, amount: 1 };
  },
};

let report: SimulationReport;

beforeAll(async () => {
  report = await runScenario(
    {
      name: "built-ins",
      rounds: 4,
      contracts: [{ id: "vault", file: "./vault.ts" }],
      population: [
        { persona: honest(playbook), count: 1, scrip: 20 },
        { persona: freeRider(playbook), count: 1, scrip: 20 },
        { persona: sybil(playbook, { principals: 3 }), count: 1, scrip: 10 },
        { persona: colludingPair(playbook), count: 2, scrip: 20 },
        { persona: griefer(playbook), count: 1, scrip: 20 },
      ],
    },
    { baseDir: fixtures },
  );
}, 120_000);

describe("built-in personas", () => {
  it("honest: the first of contribute, use, claim that applies; never an exploit", () => {
    expect(asked["honest-1"]?.slice(0, 3)).toEqual(["contribute", "contribute", "use"]);
    expect(report.exploitation.byPersona.honest).toBeUndefined();
    expect(report.profit.honest?.actions).toBe(3);
  });

  it("free-rider: never contributes; enters with the least, then claims, marked as exploits", () => {
    expect(asked["free-rider-1"]).not.toContain("contribute");
    expect(asked["free-rider-1"]?.[0]).toBe("enter");
    expect(Object.keys(report.exploitation.byPersona["free-rider"]?.labels ?? {})).toEqual([
      "claim without contributing",
    ]);
  });

  it("sybil: one owner, three principals with the scrip split, each acting once a round", () => {
    const agent = report.distribution.find((d) => d.agent === "sybil-1");
    expect(agent?.principals).toEqual(["sybil-1.1", "sybil-1.2", "sybil-1.3"]);
    expect(agent?.initial).toBe(10);
    for (const p of agent?.principals ?? []) expect(asked[p]?.[0]).toBe("enter");
    // Each identity has its own notes.
    const memories = seen.filter((s) => s.id.startsWith("sybil-1.")).map((s) => s.memory);
    expect(new Set(memories).size).toBe(3);
    expect(report.profit.sybil?.actions).toBe(3 + 3);
    expect(report.exploitation.byPersona.sybil?.labels["sybil claim"]?.attempts).toBe(3);
  });

  it("colluding pair: count counts pairs; each agent knows its partner", () => {
    const pairs = report.distribution.filter((d) => d.persona === "colluding-pair");
    expect(pairs.map((p) => [p.agent, p.partners])).toEqual([
      ["colluding-pair-1", ["colluding-pair-2"]],
      ["colluding-pair-2", ["colluding-pair-1"]],
      ["colluding-pair-3", ["colluding-pair-4"]],
      ["colluding-pair-4", ["colluding-pair-3"]],
    ]);
    expect(asked["colluding-pair-3"]?.[0]).toBe("collude:colluding-pair-4");
    expect(report.exploitation.byPersona["colluding-pair"]?.labels.collusion?.attempts).toBe(16);
    // Transfers within each pair cancel out over the even number of rounds.
    expect(report.profit["colluding-pair"]?.profit).toBe(0);
  });

  it("griefer: enters, then griefs at its own cost (refused here), marked as exploits", () => {
    // Round 1 enters; from round 2 `enter` has nothing to do, so it griefs.
    expect(asked["griefer-1"]?.slice(0, 3)).toEqual(["enter", "enter", "grief"]);
    expect(report.exploitation.byPersona.griefer?.labels.grief).toMatchObject({
      attempts: 3,
      accepted: 0,
      profitable: 0,
    });
  });

  it("hands out frozen principal lists: a persona cannot enlarge its own authority", () => {
    const sybilView = seen.find((s) => s.id === "sybil-1.1");
    expect(Object.isFrozen(sybilView?.principals)).toBe(true);
    expect(Object.isFrozen(sybilView?.partners)).toBe(true);
  });
});
