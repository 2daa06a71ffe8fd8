import { createContext, Script } from "node:vm";
import {
  createPlainMarket,
  instantiateWith,
  moduleFactorySource,
  type PlainMarket,
} from "./plain-market.js";

/**
 * The market with the contract in a node:vm context: compiled once into one warm context, a
 * fresh module instance per call (as our runtime gives each invoke). Lives with the process.
 *
 * @example
 * ```ts
 * createVmMarket(code.js, state, 5).invoke("consumer");
 * ```
 */
export function createVmMarket(js: string, initialState: object, price: number): PlainMarket {
  const factory = new Script(moduleFactorySource(js)).runInContext(createContext({})) as Parameters<
    typeof instantiateWith
  >[0];
  return createPlainMarket(() => instantiateWith(factory), initialState, price);
}
