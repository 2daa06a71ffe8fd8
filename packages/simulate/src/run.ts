import type { VerifyResult } from "@ecology/protocol";
import { toOperation } from "./actions.js";
import { type AgentMind, createAgentView, type RoundFacts } from "./agent-view.js";
import { type Check, kernelCheck, scenarioCheck } from "./checks.js";
import {
  applyOperation,
  createSimKernel,
  type Operation,
  type SimKernel,
  START_TIME,
} from "./operations.js";
import type { Action } from "./persona.js";
import { actionsOf } from "./personas/moves.js";
import { type Agent, createAgents } from "./population.js";
import type { PreparedScenario } from "./prepare.js";
import { createRng } from "./rng.js";
import { runSetup, type SetupResult } from "./setup.js";
import { SimulateError } from "./simulate-error.js";
import { type AgentInfo, createWorldView, type WorldView } from "./world-view.js";

/** One agent operation as it happened. */
export interface OpRecord {
  readonly operation: Operation;
  readonly round: number;
  readonly agent: number;
  readonly success: boolean;
  readonly code?: string;
  readonly exploit?: string;
  /** For exploit attempts: the agent's change in wealth through this operation. */
  readonly gain?: number;
}

/** The first round an invariant failed, and in how many rounds it failed. */
export interface ViolationRecord {
  readonly invariant: string;
  readonly round: number;
  readonly message: string;
  rounds: number;
  /** How many agent operations had run at the end of that round. */
  readonly opCount: number;
}

/** Everything a run observed, from which the report is built. */
export interface RunTrace {
  readonly prepared: PreparedScenario;
  readonly agents: readonly Agent[];
  readonly infos: readonly AgentInfo[];
  readonly setup: SetupResult;
  /** The kernel right after setup: shrinking replays candidates from here. */
  readonly setupSnapshot: Uint8Array;
  readonly records: OpRecord[];
  readonly idle: number[];
  readonly initialWealth: readonly number[];
  /** Wealth per agent after each round: `wealth[agent][round - 1]`. */
  readonly wealth: number[][];
  readonly welfareInitial: number;
  readonly welfare: number[];
  readonly metrics: { name: string; description: string; byRound: number[] }[];
  readonly violations: ViolationRecord[];
  readonly checks: readonly Check[];
  readonly log: VerifyResult;
}

function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SimulateError) throw e;
    throw new SimulateError("check_failed", `${what} threw: ${String(e)}`, { cause: e });
  }
}

/** An agent's wealth: the scenario's measure (default: balance) summed over its principals. */
export function wealthOf(prepared: PreparedScenario, world: WorldView, mind: AgentMind): number {
  const measure = prepared.scenario.wealth;
  return guard(`wealth of ${mind.id}`, () =>
    mind.principals.reduce((sum, p) => sum + (measure ? measure(world, p) : world.balance(p)), 0),
  );
}

function welfareOf(prepared: PreparedScenario, world: WorldView, wealth: number[]): number {
  const custom = prepared.scenario.welfare;
  if (custom) return guard("welfare", () => custom(world, world.agents));
  return wealth.reduce((a, b) => a + b, 0);
}

function infoOf(agent: Agent): AgentInfo {
  const { id, persona, principals, partners } = agent.mind;
  return { id, persona, principals, partners };
}

/** Runs one round-trip of a persona, with its failures attributed. */
function decide(agent: Agent, facts: RoundFacts, sim: SimKernel): Action[] {
  const view = createAgentView(sim.kernel, agent.mind, facts);
  try {
    return actionsOf(agent.persona.act(view, agent.rng));
  } catch (e) {
    if (e instanceof SimulateError) throw e;
    throw new SimulateError(
      "persona_failed",
      `${agent.mind.id} (${agent.persona.name}) threw in round ${facts.round}: ${String(e)}`,
      { cause: e },
    );
  }
}

/** The state of one run while it goes. */
class Runner {
  readonly records: OpRecord[] = [];
  readonly codeHashes: { [file: string]: string };
  readonly idle: number[];
  readonly wealth: number[][];
  readonly welfare: number[] = [];
  readonly violations: ViolationRecord[] = [];
  readonly metrics: RunTrace["metrics"];
  readonly checks: Check[];

  constructor(
    readonly sim: SimKernel,
    readonly prepared: PreparedScenario,
    readonly agents: Agent[],
    readonly infos: AgentInfo[],
    readonly setup: SetupResult,
  ) {
    this.codeHashes = setup.codeHashes;
    this.idle = agents.map(() => 0);
    this.wealth = agents.map(() => []);
    this.metrics = (prepared.scenario.metrics ?? []).map((m) => ({
      name: m.name,
      description: m.description ?? "",
      byRound: [],
    }));
    this.checks = [kernelCheck, ...(prepared.scenario.invariants ?? []).map(scenarioCheck)];
  }

  world(round: number): WorldView {
    return createWorldView(this.sim.kernel, round, this.infos, this.setup.contracts);
  }

  round(round: number, order: readonly Agent[]): void {
    const facts: RoundFacts = {
      round,
      rounds: this.prepared.rounds,
      contracts: this.setup.contracts,
    };
    let step = 0;
    for (const agent of order) step = this.turn(agent, facts, step);
    this.endRound(round);
  }

  /** One agent's turn: its actions, each applied at once; returns the next step in the round. */
  turn(agent: Agent, facts: RoundFacts, first: number): number {
    const actions = decide(agent, facts, this.sim).filter((a) => a.kind !== "idle");
    if (actions.length === 0) this.idle[agent.index] = (this.idle[agent.index] ?? 0) + 1;
    const used = new Set<string>();
    let step = first;
    for (const action of actions) {
      const principal = action.as ?? (agent.mind.principals[0] as string);
      if (!agent.mind.principals.includes(principal) || used.has(principal))
        throw new SimulateError(
          "persona_failed",
          `${agent.mind.id} (round ${facts.round}) acted as ${principal}, which it does not control or already used this round`,
        );
      used.add(principal);
      const time = START_TIME + facts.round * this.prepared.roundMs + step;
      this.perform(agent, action, principal, time, facts.round);
      step += 1;
    }
    return step;
  }

  perform(agent: Agent, action: Action, principal: string, time: number, round: number): void {
    const source = {
      agent: agent.mind.id,
      round,
      blueprints: this.prepared.scenario.blueprints ?? {},
    };
    const operation = toOperation(action, principal, time, source);
    if (!operation) return;
    const exploit = action.kind === "idle" ? undefined : action.exploit;
    const before = exploit ? wealthOf(this.prepared, this.world(round), agent.mind) : 0;
    const env = applyOperation(this.sim, operation, this.prepared.codes);
    if (env.success && operation.op === "deploy")
      this.codeHashes[String(operation.params.file)] = (
        env.result as { codeHash: string }
      ).codeHash;
    const record: OpRecord = {
      operation,
      round,
      agent: agent.index,
      success: env.success,
      ...(env.success ? {} : { code: env.error.code }),
      ...(exploit
        ? { exploit, gain: wealthOf(this.prepared, this.world(round), agent.mind) - before }
        : {}),
    };
    this.records.push(record);
  }

  endRound(round: number): void {
    const world = this.world(round);
    for (const check of this.checks) {
      const message = check.run(this.sim.kernel, world);
      if (message === undefined) continue;
      const first = this.violations.find((v) => v.invariant === check.name);
      if (first) first.rounds += 1;
      else
        this.violations.push({
          invariant: check.name,
          round,
          message,
          rounds: 1,
          opCount: this.records.length,
        });
    }
    for (const [i, m] of (this.prepared.scenario.metrics ?? []).entries())
      this.metrics[i]?.byRound.push(guard(`metric "${m.name}"`, () => m.measure(world)));
    const wealth = this.agents.map((a) => wealthOf(this.prepared, world, a.mind));
    for (const [i, w] of wealth.entries()) this.wealth[i]?.push(w);
    this.welfare.push(welfareOf(this.prepared, world, wealth));
  }
}

/**
 * Runs a prepared scenario on a fresh in-memory kernel: setup, then `rounds` rounds in which
 * every agent acts once, in an order shuffled by the seed; after each round the kernel's and
 * the scenario's invariants, the metrics and every agent's wealth. Returns the kernel (for
 * shrinking; the caller closes it) and the trace.
 *
 * @throws {SimulateError} for setup failures, personas that throw or misbehave, and checks
 * that throw.
 */
export async function simulate(
  prepared: PreparedScenario,
): Promise<{ sim: SimKernel; trace: RunTrace }> {
  const agents = createAgents(prepared.groups, prepared.seed);
  const infos = agents.map(infoOf);
  const sim = await createSimKernel();
  try {
    const setup = runSetup(sim, prepared, agents);
    const setupSnapshot = sim.kernel.snapshot();
    const runner = new Runner(sim, prepared, agents, infos, setup);
    const start = runner.world(0);
    const initialWealth = agents.map((a) => wealthOf(prepared, start, a.mind));
    const welfareInitial = welfareOf(prepared, start, initialWealth);
    const order = createRng(prepared.seed, "order");
    for (let round = 1; round <= prepared.rounds; round += 1) {
      runner.round(round, order.shuffle(agents));
      prepared.onProgress?.(round, prepared.rounds);
    }
    const trace: RunTrace = {
      prepared,
      agents,
      infos,
      setup,
      setupSnapshot,
      records: runner.records,
      idle: runner.idle,
      initialWealth,
      wealth: runner.wealth,
      welfareInitial,
      welfare: runner.welfare,
      metrics: runner.metrics,
      violations: runner.violations,
      checks: runner.checks,
      log: sim.kernel.verifyLog(),
    };
    return { sim, trace };
  } catch (e) {
    sim.kernel.close();
    throw e;
  }
}
