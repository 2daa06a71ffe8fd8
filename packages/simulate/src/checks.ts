import { type Kernel, KernelError } from "@ecology/kernel";
import type { Invariant } from "./scenario.js";
import { SimulateError } from "./simulate-error.js";
import type { WorldView } from "./world-view.js";

/** The name under which the kernel's own invariants (conservation, custody) are reported. */
export const KERNEL_INVARIANT = "kernel: scrip conserved, custody matches listings";

/** A check run after each round: the kernel's own, or one of the scenario's. */
export interface Check {
  readonly name: string;
  /** The violation message, or undefined when it holds. */
  run(kernel: Kernel, world: WorldView): string | undefined;
}

/** The kernel's `checkInvariants` as a check. */
export const kernelCheck: Check = {
  name: KERNEL_INVARIANT,
  run(kernel) {
    try {
      kernel.checkInvariants();
      return undefined;
    } catch (e) {
      if (e instanceof KernelError) return e.message;
      throw e;
    }
  },
};

/**
 * A scenario invariant as a check: `true`/`undefined`/`null` hold, `false` or a message break.
 *
 * @throws {SimulateError} `check_failed` when the invariant itself throws (a scenario bug).
 */
export function scenarioCheck(invariant: Invariant): Check {
  return {
    name: invariant.name,
    run(_kernel, world) {
      let result: ReturnType<Invariant["check"]>;
      try {
        result = invariant.check(world);
      } catch (e) {
        throw new SimulateError(
          "check_failed",
          `invariant "${invariant.name}" threw after round ${world.round}: ${String(e)}`,
          { cause: e },
        );
      }
      if (result === false) return `${invariant.name} does not hold`;
      if (typeof result === "string") return result;
      return undefined;
    },
  };
}
