import type { Envelope } from "@ecology/kernel";
import type { MatcherResult, MatcherState } from "vitest";
import { describeCall, describeFailure, isEnvelope } from "../describe-envelope.js";
import { openKernels } from "../registry.js";
import type { TestKernel } from "../test-kernel.js";

type Change = { delta: number; detail: string } | { error: string };

/** The balance change an envelope's own events record for `id` (0 for a failed call). */
function deltaFromEvents(env: Envelope, id: string): number {
  if (!env.success) return 0;
  let delta = 0;
  for (const e of env.events) {
    const amount = typeof e.data.amount === "number" ? e.data.amount : 0;
    if (e.type === "scrip.transferred") {
      if (e.data.to === id) delta += amount;
      if (e.data.from === id) delta -= amount;
    } else if (e.type === "scrip.minted" && e.data.to === id) delta += amount;
  }
  return delta;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function"
  );
}

/** Runs `fn`, then finds the one test kernel it used and the change of `id`'s balance there. */
function measure(
  fn: () => unknown,
  id: string,
  done: (c: Change, value: unknown) => MatcherResult,
) {
  const kernels = openKernels();
  const before = new Map<TestKernel, { tx: number; balance: number }>(
    kernels.map((k) => [k, { tx: k.transactions, balance: k.balance(id) }]),
  );
  const finish = (value: unknown): MatcherResult => {
    const used = kernels.filter((k) => k.transactions !== before.get(k)?.tx);
    if (used.length > 1)
      return done(
        { error: `the function used ${used.length} test kernels; use one per assertion` },
        value,
      );
    const k = used[0] ?? kernels.at(-1);
    if (!k)
      return done({ error: "no open test kernel; create one with createTestKernel()" }, value);
    const from = before.get(k)?.balance ?? 0;
    const to = k.balance(id);
    return done({ delta: to - from, detail: ` (${from} → ${to})` }, value);
  };
  const value = fn();
  return isThenable(value) ? Promise.resolve(value).then(finish) : finish(value);
}

/**
 * `await expect(() => alice.invoke(pool, "join", [], { value: 5 })).toChangeBalance("alice", -5)`:
 * passes when running the function changed `id`'s balance by exactly `delta` on the test kernel
 * it used. Given an envelope instead of a function, the change is read from its events.
 */
export function toChangeBalance(
  this: MatcherState,
  received: unknown,
  id: string | { readonly id: string },
  delta: number,
): MatcherResult {
  const who = typeof id === "string" ? id : id.id;
  const verdict = (change: Change, value: unknown) => {
    const call = isEnvelope(value) ? describeCall(value) : "the function";
    if ("error" in change)
      return { pass: this.isNot, message: () => `toChangeBalance: ${change.error}` };
    const pass = change.delta === delta;
    const failure =
      isEnvelope(value) && !value.success ? `; the call failed with ${describeFailure(value)}` : "";
    return {
      pass,
      message: () =>
        `expected ${call} ${pass ? "not " : ""}to change the balance of ${who} by ${delta}, ` +
        `but it changed by ${change.delta}${change.detail}${failure}`,
    };
  };
  if (typeof received === "function") return measure(received as () => unknown, who, verdict);
  if (isEnvelope(received))
    return verdict({ delta: deltaFromEvents(received, who), detail: "" }, received);
  return {
    pass: this.isNot,
    message: () =>
      `toChangeBalance expects a function or an envelope; got ${this.utils.printReceived(received)}`,
  };
}
