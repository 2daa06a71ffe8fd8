import { fileURLToPath } from "node:url";
import type { ContractCode } from "@ecology/kernel";
import { compileContract, formatDiagnostic } from "@ecology/sdk/compiler";

/** The pay-per-use example (seed Pattern 2), compiled as a user's project compiles it. */
export const MARKET_DATA = new URL(
  "../../examples/pay-per-use/src/market-data.ts",
  import.meta.url,
);

/** The quotes the example's tests use. */
export const QUOTES = [
  { symbol: "ECO", price: 120 },
  { symbol: "SCR", price: 90 },
] as const;

/** The example's base price (`invokePrice` in its tests). */
export const PRICE = 5;

/**
 * Compiles a contract file with `@ecology/sdk`'s compiler (esbuild bundle, type check,
 * manifest). Throws an `Error` listing the diagnostics when it does not compile.
 *
 * @example
 * ```ts
 * const code = await compile(MARKET_DATA);
 * ```
 */
export async function compile(file: URL): Promise<ContractCode> {
  const built = await compileContract(fileURLToPath(file));
  if (!built.ok) throw new Error(built.diagnostics.map(formatDiagnostic).join("\n"));
  return built.code;
}
