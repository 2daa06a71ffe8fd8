import type {
  ContractErrorCode,
  Envelope,
  EventFilter,
  EventPage,
  JsonValue,
  Policy,
} from "@ecology/protocol";
import type { CallArgs, CallResult, MethodNameOf } from "./refs.js";

/** A JSON object, as contract events and query filters carry. */
export type JsonObject = { [key: string]: JsonValue };

/** What `ctx.query` can list (same as `genesis_store.query`). */
export type QueryKind = "artifacts" | "principals" | "listings";

/**
 * Everything a contract can reach while it runs, except its state. `init` receives this; methods
 * and views receive {@link Ctx}. Built by the kernel inside the sandbox (DESIGN.md §2.3); valid
 * only during the call it was handed to.
 */
export interface ContextBase {
  /** This artifact's id. */
  readonly self: string;
  /** This artifact's owner. */
  readonly owner: string;
  /** The immediate caller: a principal, or the contract that invoked this one. */
  readonly caller: string;
  /** The principal that started the top-level invoke. */
  readonly origin: string;
  /** Scrip attached to this call, already in `ctx.self`'s wallet. */
  readonly value: number;
  /** Kernel time in ms, fixed for the whole transaction. */
  readonly now: number;
  /** A balance; `ctx.self`'s when `id` is omitted. */
  balance(id?: string): number;
  /** Moves scrip from `ctx.self`'s wallet only; a contract can never spend anyone else's scrip. */
  transfer(to: string, amount: number): void;
  /**
   * Invokes another artifact as `ctx.self` and returns its envelope; never throws for a callee
   * failure. A trailing {@link withValue} argument attaches scrip. With a typed ref the method
   * name, arguments and result are checked at compile time.
   */
  invoke<T extends string, M extends MethodNameOf<T>>(
    target: T,
    method: M,
    ...args: CallArgs<T, M>
  ): Envelope<CallResult<T, M>>;
  /**
   * Like `invoke` but returns the result, throwing (and so rolling this call back unless caught)
   * when the callee failed.
   */
  call<T extends string, M extends MethodNameOf<T>>(
    target: T,
    method: M,
    ...args: CallArgs<T, M>
  ): CallResult<T, M>;
  /** Reads an artifact's content as `ctx.self` (obeys its policy; `readPrice` is paid by `ctx.self`). */
  read(id: string): JsonValue;
  /** Creates or updates a data artifact owned by `ctx.self`. */
  write(id: string, content: JsonValue, policy?: Partial<Policy>): void;
  /** Gives an artifact `ctx.self` owns to `to`. */
  transferOwnership(id: string, to: string): void;
  /** Discovery, the same as `genesis_store.query(kind, filters)`. */
  query(kind: QueryKind, filters?: JsonObject): JsonValue[];
  /** History, the same as `genesis_event_log.read(filters)`. */
  events(filters?: EventFilter): EventPage;
  /** Records a custom event, logged as `contract.<name>`, only if this call succeeds. */
  emit(name: string, data?: JsonObject): void;
  /**
   * A deterministic pseudo-random number in [0, 1), seeded from the transaction and the call's
   * position in it. **Not for games of chance or anything worth cheating on:** the seed comes
   * from public data (anyone can compute the numbers from the event log before calling), and a
   * calling contract can inspect the outcome and fail its own call to roll a loss back, keeping
   * only its wins. Use the commit–reveal pattern (`commitTo` / `revealSecret` /
   * `settleCommitReveal` in `@ecology/sdk/patterns`) when value depends on the draw; `random` is
   * fine for tie-breaking or sampling where nobody gains by choosing the result.
   */
  random(): number;
  /**
   * Throws a contract error with a code; this call and everything it did are rolled back. Only
   * the codes a contract may claim are accepted: limit, call-stack and `internal` codes are the
   * kernel's own, so callers can trust them.
   */
  fail(code: ContractErrorCode, message: string): never;
}

/**
 * The context of a method or view, typed by the contract's persistent state (DESIGN.md §2.3).
 * Mutations of `state` commit only if the call succeeds; in a view any state write or transfer
 * fails the call.
 *
 * @example
 * ```ts
 * function approve(ctx: Ctx<{ approvals: string[] }>) {
 *   if (!ctx.state.approvals.includes(ctx.caller)) ctx.state.approvals.push(ctx.caller);
 * }
 * ```
 */
export interface Ctx<State = JsonValue> extends ContextBase {
  /** Persistent state; mutations commit only on success. */
  state: State;
}
