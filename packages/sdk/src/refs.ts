import type { JsonValue } from "@ecology/protocol";
import type { CallOptions } from "./with-value.js";

declare const contractBrand: unique symbol;

/**
 * The id of a deployed contract, branded with its interface `Def` (a contract definition type,
 * or a module whose default export is one). At run time it is just the id string, so it crosses
 * the sandbox boundary like any id.
 */
export type ContractRef<Def> = string & { readonly [contractBrand]: Def };

/** The definition behind a module type (`typeof import("./pool.js")`) or a definition type. */
export type DefinitionOf<T> = T extends { default: infer D } ? D : T;

// Index signatures are dropped: a definition without views has the open `{ [name]: fn }` type.
type Section<D, K extends string> = D extends { [P in K]?: infer S }
  ? { [N in keyof NonNullable<S> as string extends N ? never : N]: NonNullable<S>[N] }
  : unknown;

/** Every callable (methods and views) of a definition, by name. */
export type CallablesOf<D> = Section<D, "methods"> & Section<D, "views">;

/** The arguments (after `ctx`) of the callable `M` of definition `D`. */
export type ParamsOf<D, M extends PropertyKey> =
  CallablesOf<D> extends infer C
    ? M extends keyof C
      ? C[M] extends (ctx: never, ...args: infer A) => unknown
        ? A
        : never
      : never
    : never;

/** What the callable `M` of definition `D` returns, as it arrives in an envelope. */
export type ResultOf<D, M extends PropertyKey> =
  CallablesOf<D> extends infer C
    ? M extends keyof C
      ? C[M] extends (...args: never[]) => infer R
        ? // biome-ignore lint/suspicious/noConfusingVoidType: methods that return nothing are `void`
          R extends undefined | void
          ? null
          : R
        : never
      : never
    : never;

/** The method names a target accepts: a typed ref's callables, or any string for a plain id. */
export type MethodNameOf<T extends string> =
  T extends ContractRef<infer D> ? keyof CallablesOf<D> & string : string;

/**
 * `A` followed by {@link CallOptions}, at every length the optional parameters allow: for
 * `[n: number, label?: string]` that is `[number, CallOptions] | [number, string, CallOptions]`.
 */
export type WithCallOptions<A extends unknown[]> = number extends A["length"]
  ? [...A, CallOptions]
  : A extends []
    ? [CallOptions]
    : A extends [infer H, ...infer R]
      ? [H, ...WithCallOptions<R>]
      : A extends [(infer H)?, ...infer R]
        ? [CallOptions] | [H, ...WithCallOptions<R>]
        : [...A, CallOptions];

/** The arguments of a call, optionally followed by {@link CallOptions} from `withValue`. */
export type CallArgs<T extends string, M extends string> =
  T extends ContractRef<infer D>
    ? ParamsOf<D, M> | WithCallOptions<ParamsOf<D, M>>
    : (JsonValue | CallOptions)[];

/** The result type of a call: typed for a typed ref, `JsonValue` for a plain id. */
export type CallResult<T extends string, M extends string> =
  T extends ContractRef<infer D> ? ResultOf<D, M> : JsonValue;

/**
 * Makes a typed reference to a deployed contract so that `ctx.call(ref, "method", ...args)`
 * checks the method name, argument types and result type at compile time. Pass the module type
 * (`typeof import("./pool.js")`) or the definition type (`typeof Pool`). It returns `id`
 * unchanged; nothing is checked at run time.
 *
 * @example
 * ```ts
 * import type Pool from "./pool.js";
 * const pool = contractRef<typeof Pool>("pool_1");
 * ctx.call(pool, "join", withValue(50)); // typed
 * ```
 */
export function contractRef<T>(id: string): ContractRef<DefinitionOf<T>> {
  return id as ContractRef<DefinitionOf<T>>;
}
