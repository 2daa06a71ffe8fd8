import type { ErrorCode, JsonValue } from "@ecology/kernel";
import { expect } from "vitest";
import { toChangeBalance } from "./matchers/to-change-balance.js";
import { toEmit } from "./matchers/to-emit.js";
import { toFailWith } from "./matchers/to-fail-with.js";
import { toSucceed } from "./matchers/to-succeed.js";

/**
 * The kit's Vitest matchers. Each accepts an envelope, a promise of one, or a function returning
 * either; with a promise or an async function, `await` the assertion.
 */
export interface EcologyMatchers<R = unknown> {
  /** The call succeeded. Failure messages show code, message, invoke path and TypeScript line. */
  toSucceed(): R;
  /** The call failed with error `code`. */
  toFailWith(code: ErrorCode): R;
  /** The call succeeded and emitted an event of `type` (`"x"` matches `contract.x`) containing `data`. */
  toEmit(type: string, data?: { [key: string]: JsonValue | unknown }): R;
  /** Running the function changed `id`'s balance by exactly `delta`. */
  toChangeBalance(id: string | { readonly id: string }, delta: number): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration of Assertion.
  interface Assertion<T = any> extends EcologyMatchers<T> {}
}

expect.extend({ toSucceed, toFailWith, toEmit, toChangeBalance });

export { toChangeBalance, toEmit, toFailWith, toSucceed };
