import { activeFrames } from "./frames.js";
import { runtimeStats } from "./runtime.js";
import { handleStats } from "./sandbox.js";
import type { Runtime } from "./types.js";

/** A snapshot of what is alive, process-wide and for one runtime. */
export interface LeakReport {
  /** Runs still on the frame stack (should be 0 between tests). */
  activeRuns: number;
  /** Per-run handles not yet disposed (should be 0 between runs). */
  transientHandles: number;
  /** QuickJS runtimes alive in the whole process. */
  liveSandboxes: number;
  /** Handles the runtime's programs hold (0 once the runtime is disposed). */
  runtimeHandles: number;
  /** Warm sandboxes of the runtime (0 once it is disposed). */
  runtimeSandboxes: number;
}

/**
 * Counts live handles, runs and sandboxes, process-wide and (if given) for one runtime.
 *
 * @example
 * ```ts
 * expect(leakReport(runtime).transientHandles).toBe(0);
 * ```
 */
export function leakReport(runtime?: Runtime): LeakReport {
  const stats = runtime === undefined ? undefined : runtimeStats(runtime);
  return {
    activeRuns: activeFrames(),
    transientHandles: handleStats.transient,
    liveSandboxes: handleStats.sandboxes,
    runtimeHandles: stats?.liveHandles ?? 0,
    runtimeSandboxes: stats?.warmSandboxes ?? 0,
  };
}

/**
 * Throws if anything leaked: a run still active, a per-run handle not disposed, or (for a
 * disposed runtime) a sandbox or handle still alive. Use it in `afterEach`.
 *
 * @example
 * ```ts
 * afterEach(() => { expectNoLeaks(runtime); });
 * afterAll(() => { runtime.dispose(); expectNoLeaks(runtime); });
 * ```
 */
export function expectNoLeaks(runtime?: Runtime): void {
  const report = leakReport(runtime);
  const problems: string[] = [];
  if (report.activeRuns !== 0) problems.push(`${report.activeRuns} runs still active`);
  if (report.transientHandles !== 0) {
    problems.push(`${report.transientHandles} per-run handles not disposed`);
  }
  if (runtime !== undefined && runtimeStats(runtime).disposed) {
    if (report.runtimeHandles !== 0) problems.push(`${report.runtimeHandles} handles alive`);
    if (report.runtimeSandboxes !== 0) problems.push(`${report.runtimeSandboxes} sandboxes alive`);
  }
  if (problems.length > 0) throw new Error(`runtime leak: ${problems.join(", ")}`);
}

/**
 * Alias of {@link expectNoLeaks}.
 *
 * @example
 * ```ts
 * afterEach(() => assertNoLiveHandles(runtime));
 * ```
 */
export const assertNoLiveHandles = expectNoLeaks;
