/** A contract module's default export, as the compiled market-data.ts bundle defines it. */
interface ContractModule {
  default: { methods: Record<string, (ctx: object, ...args: unknown[]) => unknown> };
}

/** Makes a fresh module instance of the compiled contract (module-level state never leaks). */
export type Instantiate = () => ContractModule;

/** The market in plain JavaScript around a sandbox: `invoke` is one paid `summary` call. */
export interface PlainMarket {
  invoke(caller: string): unknown;
  /** Uses recorded in the contract's state, and scrip held by everyone (must stay constant). */
  totals(): { uses: number; scrip: number };
}

/**
 * Wraps the compiled pay-per-use contract in the least a host must do for the same call as the
 * kernel makes: check and move the price in a Map of balances, load the state from JSON, run
 * `summary` on a fresh module instance with a `ctx` (caller, owner, state, emit), store the state
 * back as JSON, keep the events. No storage, no hashing, no metering: the baseline for what the
 * isolation and the durability cost. Throws an `Error` when the caller cannot pay.
 *
 * @example
 * ```ts
 * const market = createPlainMarket(instantiate, { quotes, usage: { uses: {}, total: 0 } }, 5);
 * market.invoke("consumer");
 * ```
 */
export function createPlainMarket(
  instantiate: Instantiate,
  initialState: object,
  price: number,
): PlainMarket {
  const owner = "provider";
  const balances = new Map([
    [owner, 0],
    ["consumer", 1e15],
  ]);
  let stateJson = JSON.stringify(initialState);
  let events: { type: string; data: string }[] = [];
  return {
    invoke(caller) {
      const have = balances.get(caller) ?? 0;
      if (have < price) throw new Error(`${caller} cannot pay ${price}`);
      balances.set(caller, have - price);
      balances.set(owner, (balances.get(owner) ?? 0) + price);
      const pending: { type: string; data: string }[] = [];
      const ctx = {
        caller,
        owner,
        self: "market",
        state: JSON.parse(stateJson) as unknown,
        emit: (name: string, data: object) =>
          pending.push({ type: `contract.${name}`, data: JSON.stringify(data) }),
      };
      const result = JSON.stringify(instantiate().default.methods.summary?.(ctx));
      stateJson = JSON.stringify(ctx.state);
      // Bounded: a long benchmark must not measure the garbage collector walking a huge array.
      events = events.length > 10_000 ? pending : events.concat(pending);
      return result;
    },
    totals: () => ({
      uses: (JSON.parse(stateJson) as { usage: { total: number } }).usage.total,
      scrip: [...balances.values()].reduce((a, b) => a + b, 0),
    }),
  };
}

/** CommonJS wrapper source: evaluated once per realm, then called once per module instance. */
export function moduleFactorySource(js: string): string {
  return `(function (module, exports) {\n${js}\n})`;
}

/** Calls a module factory with a fresh `module` object and returns its exports. */
export function instantiateWith(
  factory: (module: { exports: object }, exports: object) => void,
): ContractModule {
  const module = { exports: {} };
  factory(module, module.exports);
  return module.exports as ContractModule;
}
