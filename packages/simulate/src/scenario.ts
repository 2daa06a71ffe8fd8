import type { JsonValue, Policy } from "@ecology/protocol";
import type { Persona } from "./persona.js";
import type { AgentInfo, WorldView } from "./world-view.js";

/** A contract the scenario deploys before the first round. */
export interface ContractSpec {
  /** The artifact id it is deployed under. */
  id: string;
  /** The contract's TypeScript file, relative to the scenario file. */
  file: string;
  /** Constructor args, or a function of the code hashes deployed so far (in list order). */
  args?: JsonValue[] | ((deployed: { readonly [id: string]: { codeHash: string } }) => JsonValue[]);
  policy?: Partial<Policy>;
  /** The principal that deploys (and owns) it; default the scenario's `deployer`. */
  owner?: string;
  /** Scrip minted into the contract's own wallet after deploy. */
  scrip?: number;
}

/** A group of agents with one persona. */
export interface PopulationEntry {
  /** A persona, or the path (relative to the scenario file) of a module default-exporting one. */
  persona: Persona | string;
  /** How many agents (for a team persona: how many teams). */
  count: number;
  /** Starting scrip per agent (a sybil's is split among its principals). */
  scrip: number;
  /** The report's name for the group; default the persona's name. Must be unique. */
  name?: string;
}

/**
 * What an invariant answers: `true`, `undefined` or `null` when it holds; `false` or a message
 * saying what broke when it does not.
 */
export type InvariantResult = boolean | string | undefined | null;

/** A property of the world checked after every round (and when shrinking a violation). */
export interface Invariant {
  name: string;
  description?: string;
  check(world: WorldView): InvariantResult;
}

/** A number measured after every round and reported with its history. */
export interface Metric {
  name: string;
  description?: string;
  measure(world: WorldView): number;
}

/**
 * A simulation scenario (DESIGN.md §14): contracts, population, rounds, seed, invariants and
 * metrics. A scenario file default-exports one (`defineScenario` types it).
 */
export interface Scenario {
  name: string;
  description?: string;
  /** Default seed (`--seed` overrides); default 1. */
  seed?: number;
  rounds: number;
  /** Kernel time per round in ms (default 60,000); operations in a round are 1 ms apart. */
  roundMs?: number;
  /** The principal that deploys the contracts (default `"deployer"`, 0 scrip). */
  deployer?: string;
  contracts?: ContractSpec[];
  /** Contract files agents may deploy with a `deploy` action, by name. */
  blueprints?: { [name: string]: string };
  population: PopulationEntry[];
  invariants?: Invariant[];
  metrics?: Metric[];
  /**
   * What a principal owns in scrip terms; profit is its change. Default: its balance. A pool
   * scenario adds the member's withdrawable contribution.
   */
  wealth?: (world: WorldView, principal: string) => number;
  /** Welfare of the world; default the sum of every agent's wealth. */
  welfare?: (world: WorldView, agents: readonly AgentInfo[]) => number;
}

/**
 * Types a scenario (returns it unchanged). A scenario file is a TypeScript module:
 *
 * @example
 * ```ts
 * import { defineScenario, freeRider, honest } from "@ecology/simulate";
 * export default defineScenario({
 *   name: "pool",
 *   rounds: 30,
 *   contracts: [{ id: "pool", file: "../src/pool.ts" }],
 *   population: [
 *     { persona: honest(playbook), count: 4, scrip: 100 },
 *     { persona: freeRider(playbook), count: 2, scrip: 100 },
 *     { persona: "./personas/customer.ts", count: 2, scrip: 500 },
 *   ],
 *   invariants: [{ name: "payouts follow contributions", check: (world) => ... }],
 * });
 * ```
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
