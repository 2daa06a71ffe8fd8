import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Persona, runScenario, runScenarioFile, type Scenario } from "./index.js";

const fixtures = join(import.meta.dirname, "test-fixtures");
const saver = join(fixtures, "saver.ts");
const base: Scenario = {
  name: "errors",
  rounds: 2,
  contracts: [{ id: "vault", file: "./vault.ts" }],
  population: [{ persona: saver, count: 2, scrip: 10 }],
};
const run = (over: Partial<Scenario>) => runScenario({ ...base, ...over }, { baseDir: fixtures });
const persona = (act: Persona["act"], extra: Partial<Persona> = {}): Persona => ({
  name: "p",
  act,
  ...extra,
});

describe("scenario files that cannot load", () => {
  it("names a missing file", async () => {
    await expect(runScenarioFile(join(fixtures, "nope.ts"))).rejects.toMatchObject({
      code: "scenario_invalid",
      message: expect.stringMatching(/no such file: .*nope\.ts/),
    });
  });

  it("points at a syntax error by file:line:column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simulate-"));
    writeFileSync(join(dir, "broken.ts"), "export default {\n  name: 'x',,\n};\n");
    await expect(runScenarioFile(join(dir, "broken.ts"))).rejects.toMatchObject({
      code: "scenario_invalid",
      message: expect.stringMatching(/broken\.ts:2:\d+: /),
    });
  });

  it("refuses a file without a default export, and a persona file that is not a persona", async () => {
    await expect(runScenarioFile(join(fixtures, "no-default-scenario.ts"))).rejects.toMatchObject({
      code: "scenario_invalid",
      message: expect.stringMatching(/must default-export a scenario/),
    });
    await expect(
      run({ population: [{ persona: join(fixtures, "not-a-persona.ts"), count: 1, scrip: 1 }] }),
    ).rejects.toMatchObject({
      code: "scenario_invalid",
      message: expect.stringMatching(/population\[0\]\.persona is not a persona/),
    });
  });

  it("refuses malformed scenarios with the field at fault", async () => {
    await expect(run({ rounds: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/rounds must be a positive integer/),
    });
    await expect(run({ population: [] })).rejects.toMatchObject({
      message: expect.stringMatching(/at least one group/),
    });
    await expect(
      run({ population: [{ persona: saver, count: 1.5, scrip: 1 }] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/population\[0\]\.count/),
    });
    await expect(
      run({
        population: [
          { persona: saver, count: 1, scrip: 1 },
          { persona: saver, count: 1, scrip: 1 },
        ],
      }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/two population groups are named saver/),
    });
    await expect(runScenario(base, { baseDir: fixtures, seed: -1 })).rejects.toMatchObject({
      code: "scenario_invalid",
    });
  });
});

describe("setup", () => {
  it("refuses a contract that does not compile, with the compiler's position", async () => {
    await expect(
      run({ contracts: [{ id: "bad", file: "./does-not-compile.ts" }] }),
    ).rejects.toMatchObject({
      code: "setup_failed",
      message: expect.stringMatching(/does-not-compile\.ts:4:\d+: Date is not available/),
    });
  });

  it("refuses a setup the kernel refuses (an id taken twice)", async () => {
    await expect(
      run({
        contracts: [
          { id: "vault", file: "./vault.ts" },
          { id: "vault", file: "./vault.ts" },
        ],
      }),
    ).rejects.toMatchObject({
      code: "setup_failed",
      message: expect.stringMatching(/already taken/),
    });
  });
});

describe("personas that misbehave", () => {
  it("names the agent and round of a persona that throws", async () => {
    const p = persona((view) => {
      if (view.round === 2) throw new Error("boom");
      return undefined;
    });
    await expect(run({ population: [{ persona: p, count: 1, scrip: 1 }] })).rejects.toMatchObject({
      code: "persona_failed",
      message: expect.stringMatching(/p-1 \(p\) threw in round 2: Error: boom/),
    });
  });

  it("refuses things that are not actions, and actions missing a field", async () => {
    const odd = persona(() => ({ kind: "teleport" }) as never);
    await expect(run({ population: [{ persona: odd, count: 1, scrip: 1 }] })).rejects.toMatchObject(
      {
        code: "persona_failed",
        message: expect.stringMatching(/"teleport".*not an action/),
      },
    );
    const half = persona(() => ({ kind: "invoke", target: "vault" }) as never);
    await expect(
      run({ population: [{ persona: half, count: 1, scrip: 1 }] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/invoke action without method/),
    });
  });

  it("refuses acting as a principal the agent does not control, or twice as one in a round", async () => {
    const impostor = persona(() => ({ kind: "transfer", to: "p-1", amount: 1, as: "deployer" }));
    await expect(
      run({ population: [{ persona: impostor, count: 1, scrip: 1 }] }),
    ).rejects.toMatchObject({
      code: "persona_failed",
      message: expect.stringMatching(/acted as deployer/),
    });
    const twice = persona(() => [
      { kind: "transfer", to: "deployer", amount: 1 },
      { kind: "transfer", to: "deployer", amount: 1 },
    ]);
    await expect(
      run({ population: [{ persona: twice, count: 1, scrip: 5 }] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/already used this round/),
    });
  });

  it("refuses a view as someone else's principal", async () => {
    const peeker = persona((view) => view.as("deployer") && undefined);
    await expect(
      run({ population: [{ persona: peeker, count: 1, scrip: 1 }] }),
    ).rejects.toMatchObject({
      code: "persona_failed",
      message: expect.stringMatching(/view as deployer, which it does not control/),
    });
  });
});

describe("checks that throw", () => {
  it("reports an invariant that throws as a scenario bug, not a violation", async () => {
    const invariants = [
      {
        name: "broken check",
        check: () => {
          throw new Error("oops");
        },
      },
    ];
    await expect(run({ invariants })).rejects.toMatchObject({
      code: "check_failed",
      message: expect.stringMatching(/invariant "broken check" threw after round 1: Error: oops/),
    });
  });

  it("reports a metric or wealth function that throws", async () => {
    const metrics = [
      {
        name: "m",
        measure: () => {
          throw new Error("no");
        },
      },
    ];
    await expect(run({ metrics })).rejects.toMatchObject({
      code: "check_failed",
      message: expect.stringMatching(/metric "m" threw/),
    });
    await expect(
      run({
        wealth: () => {
          throw new Error("no");
        },
      }),
    ).rejects.toMatchObject({ code: "check_failed" });
  });
});
