import type { JsonValue } from "@ecology/protocol";
import {
  applyOperation,
  type Operation,
  operatorOp,
  type SimKernel,
  START_TIME,
} from "./operations.js";
import type { Agent } from "./population.js";
import type { PreparedScenario } from "./prepare.js";
import { SimulateError } from "./simulate-error.js";

/** What setup did: its operations (a replay starts with them) and the deployed code hashes. */
export interface SetupResult {
  readonly operations: Operation[];
  /** Code hash by contract file, for the contracts and agents' deploys alike. */
  readonly codeHashes: { [file: string]: string };
  /** Ids of the deployed contracts, in order (frozen: every view shares it). */
  readonly contracts: readonly string[];
}

/**
 * Creates the deployer and every agent's principals with their starting scrip, then deploys
 * the scenario's contracts in order (minting their `scrip` into their wallets).
 *
 * @throws {SimulateError} `setup_failed` naming the operation the kernel refused.
 */
export function runSetup(
  sim: SimKernel,
  prepared: PreparedScenario,
  agents: readonly Agent[],
): SetupResult {
  const operations: Operation[] = [];
  const codeHashes: { [file: string]: string } = {};
  const deployed: { [id: string]: { codeHash: string } } = {};
  const apply = (op: Operation) => {
    operations.push(op);
    const env = applyOperation(sim, op, prepared.codes);
    if (!env.success)
      throw new SimulateError(
        "setup_failed",
        `scenario ${prepared.scenario.name}: setup ${op.op} ${JSON.stringify(op.params)} failed: ${env.error.message}`,
      );
    return env.result;
  };
  const time = () => START_TIME + operations.length;
  apply(operatorOp("createPrincipal", { id: prepared.deployer, scrip: 0 }, time()));
  for (const agent of agents)
    for (const [k, id] of agent.mind.principals.entries())
      apply(operatorOp("createPrincipal", { id, scrip: agent.scrip[k] ?? 0 }, time()));
  for (const c of prepared.scenario.contracts ?? []) {
    const args = typeof c.args === "function" ? c.args(deployed) : (c.args ?? []);
    const params: Operation["params"] = { id: c.id, file: c.file, args };
    if (c.policy) params.policy = c.policy as unknown as JsonValue;
    const origin = c.owner ?? prepared.deployer;
    const result = apply({ op: "deploy", origin, params, time: time() }) as { codeHash: string };
    deployed[c.id] = { codeHash: result.codeHash };
    codeHashes[c.file] = result.codeHash;
    if (c.scrip) apply(operatorOp("mint", { id: c.id, amount: c.scrip }, time()));
  }
  const contracts = Object.freeze((prepared.scenario.contracts ?? []).map((c) => c.id));
  return { operations, codeHashes, contracts };
}
