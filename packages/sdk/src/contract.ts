import type { ContextBase, Ctx } from "./ctx.js";

/**
 * A method or view: a plain function of the context and JSON arguments. Declared through a
 * method signature on purpose so that a function annotated with a narrower `Ctx<State>` still
 * fits when the state type is inferred from elsewhere (TypeScript checks methods bivariantly).
 */
export type ContractMethod<State> = {
  bivariant(ctx: Ctx<State>, ...args: never[]): unknown;
}["bivariant"];

/** `init`: builds the first state from the deploy arguments. */
export type ContractInit<State> = {
  bivariant(ctx: ContextBase, ...args: never[]): State;
}["bivariant"];

/**
 * `migrate`: run once by an upgrade to this code (DESIGN.md §9), with the state the previous
 * code left as `ctx.state` (typed `OldState`: in `defineContract`, the author's
 * `ctx: Ctx<OldState>` annotation) and the upgrade's arguments; it returns the new state.
 * `NoInfer` keeps the return from deciding `State`, which `init` and the methods decide: a
 * migration must fit them, not redefine them. Throwing (or `ctx.fail`) refuses the upgrade.
 *
 * @example
 * ```ts
 * migrate: (ctx: Ctx<{ n: number }>, note: string) => ({ count: ctx.state.n, history: [note] })
 * ```
 */
export type ContractMigrate<State, OldState = unknown> = {
  bivariant(ctx: Ctx<OldState>, ...args: never[]): NoInfer<State>;
}["bivariant"];

/** A table of functions by name (methods or views). */
export type ContractMethods<State> = { [name: string]: ContractMethod<State> };

/** The keys of `T` without its index signatures (`{ [name: string]: X }` has none). */
export type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/** Default prices by method or view name, applied to `policy.methodPrices` at deploy. */
export type PriceTable<Methods, Views> = {
  readonly [K in KnownKeys<Methods> | KnownKeys<Views>]?: number;
};

/**
 * A contract definition, the shape the kernel runs (ADR 0003): `module.exports.default` of a
 * compiled contract. Functions take `(ctx, ...args)`.
 */
export interface ContractDefinition<
  State = unknown,
  Methods extends ContractMethods<State> = ContractMethods<State>,
  Views extends ContractMethods<State> = ContractMethods<State>,
  Prices extends { readonly [name: string]: number | undefined } = PriceTable<Methods, Views>,
  Reentrant extends boolean = boolean,
> {
  /** Runs once at deploy with the deploy arguments; returns the initial state. */
  init?: ContractInit<State>;
  /** Runs once when an upgrade installs this code: old state in, new state out. */
  migrate?: ContractMigrate<State>;
  /** Functions that may change state, move scrip and call other artifacts. */
  methods: Methods;
  /** Read-only functions: any state write or transfer fails the call. */
  views?: Views;
  /** Default `methodPrices` applied at deploy (a deploy policy overrides them). */
  prices?: Prices;
  /** Allows this contract to be re-entered while it is on the call stack. */
  reentrant?: Reentrant;
}

/** The optional settings of a definition that are kept as literal types (prices, reentrant). */
export type DefinitionExtras = {
  readonly prices?: { readonly [name: string]: number };
  readonly reentrant?: boolean;
};

/** The sections a definition may have; any other key is a typo (`view:` for `views:`). */
type DefinitionKey = "init" | "migrate" | "methods" | "views" | "prices" | "reentrant";

/** Maps every unknown key of a definition literal to `never`, so a misspelt section is an error. */
export type NoUnknownSections<Extras> = {
  [K in Exclude<keyof Extras, DefinitionKey>]: never;
};

/** The literal price table of a definition literal, `{}` when it has none. */
export type PricesOf<Extras> = Extras extends { readonly prices: infer P }
  ? P extends { readonly [name: string]: number }
    ? P
    : never
  : // biome-ignore lint/complexity/noBannedTypes: `{}` is the right type for "no prices"
    {};

/** The literal `reentrant` flag of a definition literal, `false` when it has none. */
export type ReentrantOf<Extras> = Extras extends { readonly reentrant: infer R extends boolean }
  ? R
  : false;

/**
 * Declares a contract. It returns its argument unchanged — the value is what the kernel runs —
 * and exists for the types: `State` is inferred from `init` (or from annotated `ctx` parameters),
 * every method's `ctx` is typed `Ctx<State>`, `migrate` (when the code replaces an older version
 * through an upgrade) sees the old state through its `ctx: Ctx<OldState>` annotation and must
 * return a `State`, and `contractRef<typeof Module>` later reads method
 * names, argument and result types from the returned type.
 *
 * @example
 * ```ts
 * export default defineContract({
 *   init: (_ctx, goal: number) => ({ goal, raised: 0 }),
 *   methods: {
 *     give(ctx) { ctx.state.raised += ctx.value; return ctx.state.raised; },
 *   },
 *   views: { progress: (ctx) => ctx.state.raised / ctx.state.goal },
 *   prices: { give: 0 },
 * });
 *
 * // version 2, installed by an upgrade: migrate turns the old state into the new one
 * export default defineContract({
 *   init: (_ctx, goal: number) => ({ goal, raised: 0, givers: 0 }),
 *   migrate: (ctx: Ctx<{ goal: number; raised: number }>, givers: number) => ({ ...ctx.state, givers }),
 *   methods: { give(ctx) { ctx.state.raised += ctx.value; ctx.state.givers += 1; } },
 * });
 * ```
 */
export function defineContract<
  State,
  Methods extends ContractMethods<State>,
  // No default on purpose: a default would be chosen before unannotated `ctx` parameters of
  // views are typed. Without views, Views is the index-signature type, which refs ignore.
  Views extends ContractMethods<State>,
  // Prices and reentrant are read from the whole literal (`& Extras`) rather than from their own
  // properties, and no type parameter has a default. Why: while TypeScript types the
  // unannotated `ctx` of a method it substitutes the inferences made so far *without* those
  // from `init` (an unannotated `_ctx` makes init context-sensitive, so its return type is only
  // known as an "intra-expression" inference). It does so only when some type parameter
  // already has a candidate or a default; a `prices` property inferred on its own, or a
  // default, gave State `unknown` (issue 14). The whole literal is not inferable before its
  // functions are typed, so Extras gets no candidate early.
  const Extras extends DefinitionExtras,
>(
  definition: {
    init?: ContractInit<State>;
    // The old state is not a type parameter on purpose: a candidate for it, inferred before
    // init's return, gave an unannotated `ctx` in the methods `unknown` state (as in issue 14).
    // An annotated `ctx: Ctx<Old>` fits `Ctx<unknown>` because methods are bivariant; an
    // unannotated one sees `unknown` and has to be declared before its state is used.
    migrate?: ContractMigrate<State>;
    methods: Methods;
    views?: Views;
    // Price names are checked by the compiler against the manifest rather than here: any type
    // relation between prices and Methods fixes Methods before method-shorthand bodies are typed.
    prices?: { readonly [name: string]: number };
    reentrant?: boolean;
  } & Extras &
    NoUnknownSections<Extras>,
): ContractDefinition<State, Methods, Views, PricesOf<Extras>, ReentrantOf<Extras>> {
  return definition as ContractDefinition<
    State,
    Methods,
    Views,
    PricesOf<Extras>,
    ReentrantOf<Extras>
  >;
}

/**
 * A number that must be an integer (scrip amounts, counts). To TypeScript it is `number`; the
 * compiler turns a parameter or property annotated `Integer` into JSON Schema
 * `{ "type": "integer" }`, so the kernel refuses `1.5` before the contract runs.
 *
 * @example
 * ```ts
 * methods: { pay: (ctx, amount: Integer) => ctx.transfer(ctx.caller, amount) }
 * ```
 */
export type Integer = number;
