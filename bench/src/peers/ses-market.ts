import {
  createPlainMarket,
  instantiateWith,
  moduleFactorySource,
  type PlainMarket,
} from "./plain-market.js";

interface SesGlobals {
  lockdown(options?: object): void;
  Compartment: new (options?: object) => { evaluate(source: string): unknown };
}

/**
 * The market with the contract in an SES Compartment. Calls `lockdown()` first, which hardens
 * every intrinsic of THIS PROCESS for the rest of its life: run it last, or in a process of its
 * own. Compiled once into one Compartment, a fresh module instance per call.
 *
 * @example
 * ```ts
 * const market = await createSesMarket(code.js, state, 5); // after every other measurement
 * ```
 */
export async function createSesMarket(
  js: string,
  initialState: object,
  price: number,
): Promise<PlainMarket> {
  await import("ses");
  const g = globalThis as unknown as SesGlobals;
  g.lockdown({ errorTaming: "unsafe", overrideTaming: "severe", consoleTaming: "unsafe" });
  const compartment = new g.Compartment({ __options__: true, globals: {} });
  const factory = compartment.evaluate(moduleFactorySource(js)) as Parameters<
    typeof instantiateWith
  >[0];
  return createPlainMarket(() => instantiateWith(factory), initialState, price);
}
