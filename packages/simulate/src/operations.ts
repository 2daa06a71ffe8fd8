import { createKernel, type Kernel } from "@ecology/kernel";
import type { ContractCode, Envelope, JsonValue, Policy } from "@ecology/protocol";
import { OPERATOR_ID } from "@ecology/protocol";
import { SimulateError } from "./simulate-error.js";

/** The top-level kernel operations a simulation performs. */
export type OperationKind = "createPrincipal" | "mint" | "deploy" | "invoke" | "write" | "read";

/**
 * One top-level kernel operation with its exact inputs, shaped like a journal record
 * (DESIGN.md §9: `{ op, origin, params, time }`): `origin` is who performs it (`operator` for
 * principal creation and mint), `time` the kernel clock during it. A deploy names its
 * contract by `params.file` (relative to the scenario); the code itself is not repeated.
 */
export interface Operation {
  op: OperationKind;
  origin: string;
  params: { [key: string]: JsonValue };
  time: number;
}

/** Compiled contracts by the file name operations use. */
export type CodeBook = ReadonlyMap<string, ContractCode>;

/** A kernel with a clock the simulation sets: time is part of every operation, never the wall. */
export interface SimKernel {
  readonly kernel: Kernel;
  setTime(time: number): void;
}

/** 2026-01-01T00:00:00Z: where simulated time starts. */
export const START_TIME = 1_767_225_600_000;

/** An in-memory kernel whose clock reads the time of the operation being applied. */
export async function createSimKernel(): Promise<SimKernel> {
  let now = START_TIME;
  const kernel = await createKernel({ clock: () => now });
  return {
    kernel,
    setTime: (time) => {
      now = time;
    },
  };
}

/** An operator operation (principal creation, mint). */
export function operatorOp(
  op: "createPrincipal" | "mint",
  params: Operation["params"],
  time: number,
): Operation {
  return { op, origin: OPERATOR_ID, params, time };
}

const str = (v: JsonValue | undefined): string => v as string;
const num = (v: JsonValue | undefined): number => v as number;

/**
 * Applies one operation to the kernel at its time and returns the kernel's envelope. Bad input
 * is the kernel's to refuse (an envelope), exactly as for a live agent.
 *
 * @throws {SimulateError} `setup_failed` when a deploy names a file that is not in `codes`.
 */
export function applyOperation(sim: SimKernel, op: Operation, codes: CodeBook): Envelope {
  sim.setTime(op.time);
  const { kernel } = sim;
  const p = op.params;
  const policy = p.policy as Partial<Policy> | undefined;
  switch (op.op) {
    case "createPrincipal":
      return kernel.createPrincipal(str(p.id), { scrip: num(p.scrip) });
    case "mint":
      return kernel.mint(str(p.id), num(p.amount));
    case "deploy": {
      const code = codes.get(str(p.file));
      if (!code) throw new SimulateError("setup_failed", `no compiled contract for ${p.file}`);
      return kernel.deploy(op.origin, {
        id: str(p.id),
        code,
        args: (p.args ?? []) as JsonValue[],
        ...(policy ? { policy } : {}),
      });
    }
    case "invoke":
      return kernel.invoke(op.origin, str(p.target), str(p.method), p.args as JsonValue[], {
        value: num(p.value ?? 0),
      });
    case "write":
      return kernel.write(op.origin, str(p.id), p.content ?? null, policy ? { policy } : {});
    case "read":
      return kernel.read(op.origin, str(p.id));
  }
}
