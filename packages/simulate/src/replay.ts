import { resolve } from "node:path";
import type { Kernel } from "@ecology/kernel";
import type { ContractCode, Envelope } from "@ecology/protocol";
import { compileContract, formatDiagnostic } from "@ecology/sdk/compiler";
import { applyOperation, createSimKernel, type Operation } from "./operations.js";
import { SimulateError } from "./simulate-error.js";
import { type AgentInfo, createWorldView, type WorldView } from "./world-view.js";

/** What {@link replayOperations} leaves: the kernel (close it) and every envelope, in order. */
export interface Replayed {
  kernel: Kernel;
  envelopes: Envelope[];
}

async function compileFor(file: string, baseDir: string): Promise<ContractCode> {
  const built = await compileContract(resolve(baseDir, file));
  if (!built.ok)
    throw new SimulateError(
      "setup_failed",
      `${file} does not compile:\n${built.diagnostics.map(formatDiagnostic).join("\n")}`,
    );
  return built.code;
}

/**
 * Replays operations (a counterexample's, say) on a fresh in-memory kernel, each at its own
 * time, compiling the contract files that deploys name (relative to `baseDir`, the scenario's
 * folder). With `code` (file → code hash, as a counterexample carries), a deploy whose code no
 * longer has that hash is refused: the replay would not be the same history. The caller closes
 * the kernel.
 *
 * @throws {SimulateError} `setup_failed` when a contract does not compile or its code changed.
 * @example
 * ```ts
 * const { kernel } = await replayOperations(v.counterexample.operations, { baseDir: "scenarios", code: v.counterexample.code });
 * kernel.balances(); // the world in which the invariant is broken
 * ```
 */
export async function replayOperations(
  operations: readonly Operation[],
  options: { baseDir: string; code?: { readonly [file: string]: string } },
): Promise<Replayed> {
  const codes = new Map<string, ContractCode>();
  for (const op of operations) {
    const file = op.op === "deploy" ? String(op.params.file) : undefined;
    if (file !== undefined && !codes.has(file))
      codes.set(file, await compileFor(file, options.baseDir));
  }
  const sim = await createSimKernel();
  const envelopes: Envelope[] = [];
  for (const op of operations) {
    const env = applyOperation(sim, op, codes);
    const expected = op.op === "deploy" ? options.code?.[String(op.params.file)] : undefined;
    if (env.success && expected && (env.result as { codeHash: string }).codeHash !== expected) {
      sim.kernel.close();
      throw new SimulateError(
        "setup_failed",
        `${op.params.file} changed since the report: its code hash is no longer ${expected}`,
      );
    }
    envelopes.push(env);
  }
  return { kernel: sim.kernel, envelopes };
}

/**
 * A {@link WorldView} of any kernel — a replayed counterexample's, say — so a scenario's
 * invariants can be checked against it outside a run.
 *
 * @example
 * ```ts
 * const { kernel } = await replayOperations(ce.operations, { baseDir, code: ce.code });
 * proportionalPayouts({ contract: "pool" }).check(worldViewOf(kernel)); // the violation message
 * ```
 */
export function worldViewOf(
  kernel: Kernel,
  options: { round?: number; agents?: readonly AgentInfo[]; contracts?: readonly string[] } = {},
): WorldView {
  return createWorldView(kernel, options.round ?? 0, options.agents ?? [], options.contracts ?? []);
}
