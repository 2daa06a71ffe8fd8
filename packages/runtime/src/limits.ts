import { RuntimeError } from "./errors.js";
import type { RuntimeLimits } from "./types.js";

/**
 * Largest stack the runtime accepts: more overflows Node's own stack before QuickJS notices.
 * Nested runs share it (QuickJS measures from the same stack top).
 *
 * @example
 * ```ts
 * program.run("f", null, { limits: { stackBytes: MAX_STACK_BYTES / 4 } });
 * ```
 */
export const MAX_STACK_BYTES = 256 * 1024;

/**
 * Limits used when neither the runtime nor the run sets them (frozen).
 *
 * @example
 * ```ts
 * const runtime = await createRuntime({ defaultLimits: { compute: DEFAULT_LIMITS.compute / 10 } });
 * ```
 */
export const DEFAULT_LIMITS: Readonly<RuntimeLimits> = Object.freeze({
  compute: 10_000_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: MAX_STACK_BYTES,
  deadlineMs: 1000,
  maxInputBytes: 256 * 1024,
  maxOutputBytes: 256 * 1024,
  maxJsonDepth: 256,
});

/**
 * Merges limits (later layers win) and validates them. Throws `RuntimeError`
 * (`invalid_limits`) for non-positive values or a stack above {@link MAX_STACK_BYTES}.
 */
export function resolveLimits(...layers: (Partial<RuntimeLimits> | undefined)[]): RuntimeLimits {
  const limits: RuntimeLimits = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof RuntimeLimits)[]) {
      const value = layer[key];
      if (value !== undefined) limits[key] = value;
    }
  }
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== "number" || !(value > 0)) {
      throw new RuntimeError("invalid_limits", `limit ${key} must be a positive number`);
    }
  }
  if (limits.stackBytes > MAX_STACK_BYTES) {
    throw new RuntimeError(
      "invalid_limits",
      `stackBytes ${limits.stackBytes} exceeds the maximum of ${MAX_STACK_BYTES} (larger stacks overflow the host first)`,
    );
  }
  return limits;
}
