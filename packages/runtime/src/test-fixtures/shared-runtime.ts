import { afterAll, afterEach, beforeAll } from "vitest";
import { createRuntime } from "../runtime.js";
import { expectNoLeaks } from "../testing.js";
import type { Runtime } from "../types.js";

/** What {@link useSharedRuntime} hands a test file: the runtime, once `beforeAll` has made it. */
export interface SharedRuntime {
  /** The file's runtime; reading it before `beforeAll` ran (at module load) throws. */
  readonly runtime: Runtime;
}

/** How {@link useSharedRuntime} checks for leaks. */
export interface SharedRuntimeOptions {
  /**
   * Also run `expectNoLeaks` after every test (default true). Soak and cache-bound files turn it
   * off: they check at the points they choose, and after the file as every file does.
   */
  leakCheckEachTest?: boolean;
}

/**
 * Registers the hooks of a test file that shares one default runtime across its tests: creates
 * it in `beforeAll`, checks for leaks after each test (unless turned off), and in `afterAll`
 * disposes it and checks that it let go of every sandbox and handle. The file owns nothing to
 * clean up; call it once, at the top level of the file. Throws (from `runtime`) if read before
 * the file's `beforeAll` ran.
 *
 * @example
 * ```ts
 * const shared = useSharedRuntime();
 * it("runs", () => {
 *   expect(shared.runtime.load({ id: "p", code: "module.exports.f = () => 1;" }).run("f", null))
 *     .toMatchObject({ ok: true, value: 1 });
 * });
 * ```
 */
export function useSharedRuntime(options: SharedRuntimeOptions = {}): SharedRuntime {
  let current: Runtime | undefined;
  beforeAll(async () => {
    current = await createRuntime();
  });
  if (options.leakCheckEachTest !== false) afterEach(() => expectNoLeaks(current));
  afterAll(() => {
    // beforeAll may have failed; its error is the one to report, not a second one here.
    if (current === undefined) return;
    current.dispose();
    expectNoLeaks(current);
  });
  return {
    get runtime(): Runtime {
      if (current === undefined) throw new Error("the shared runtime exists only inside tests");
      return current;
    },
  };
}
