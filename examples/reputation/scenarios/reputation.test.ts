import { join } from "node:path";
import {
  replayOperations,
  runScenarioFile,
  type SimulationReport,
  type Violation,
  worldViewOf,
} from "@ecology/simulate";
import { beforeAll, describe, expect, it } from "vitest";
import scenario from "./reputation.js";

const here = import.meta.dirname;
let report: SimulationReport;
let washed: Violation;

beforeAll(async () => {
  report = await runScenarioFile(join(here, "reputation.ts"));
  washed = report.violations[0] as Violation;
}, 240_000);

describe("reputation scenario", () => {
  it("admits honest traders, who earn membership by trading with each other", () => {
    expect(report.profit.honest?.profit).toBeGreaterThan(0);
    expect(report.metrics.find((m) => m.name === "guild members")?.final).toBeGreaterThan(4);
  });

  it("shows wash trading works: the pair and every sybil identity get in, all exploits profitable for the sybil", () => {
    expect(report.exploitation.byPersona.sybil).toMatchObject({ attempts: 4, profitable: 4 });
    expect(report.exploitation.byPersona["colluding-pair"]?.profitable).toBe(2);
  });

  it("catches members who traded only with their own side, with a shrunk wash-trade counterexample", () => {
    expect(washed.invariant).toBe("membership is earned with outside counterparties");
    const ce = washed.counterexample;
    expect(ce).toMatchObject({ reproduced: true, minimal: true });
    // Two items written, listed and bought around the ring or the pair, then a request.
    const ops = ce.operations.slice(ce.setup);
    expect(ops.filter((o) => o.op === "write")).toHaveLength(2);
    expect(ops.filter((o) => o.params.method === "deposit")).toHaveLength(2);
    expect(ops.filter((o) => o.params.method === "purchase")).toHaveLength(2);
    expect(ops.at(-1)?.params.method).toBe("requestMembership");
    const sides = new Set(ops.map((o) => o.origin.replace(/[.-]\d+$/, "")));
    expect(sides.size).toBe(1);
  });

  it("reproduces it on a fresh kernel: the requester is a member with no outside trade", async () => {
    const ce = washed.counterexample;
    const { kernel } = await replayOperations(ce.operations, { baseDir: here, code: ce.code });
    const requester = ce.operations.at(-1)?.origin as string;
    expect(kernel.getArtifact("guild")?.state).toMatchObject({ members: [requester] });
    // The scenario's own invariant, told who is on whose side (the report lists every agent).
    const agents = report.distribution.map((d) => ({ ...d, id: d.agent }));
    expect(scenario.invariants?.[0]?.check(worldViewOf(kernel, { agents }))).toBe(ce.message);
    kernel.close();
  });
});
