import { readFileSync } from "node:fs";
import solc from "solc";

/** A compiled Solidity contract: creation bytecode and the 4-byte selector of each function. */
export interface CompiledSolidity {
  bytecode: string;
  selectors: Record<string, string>;
  compiler: string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<
      string,
      { evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }
    >
  >;
}

/**
 * Compiles one contract of a `.sol` file with solc-js, in this process (its bundled compiler,
 * no download), optimizer on at 200 runs as Hardhat's default. Throws an `Error` with the
 * compiler's messages when it does not compile.
 *
 * @example
 * ```ts
 * const market = compileSolidity(new URL("./market-data.sol", import.meta.url), "MarketData");
 * market.selectors["summary()"]; // "b16a867c"
 * ```
 */
export function compileSolidity(file: URL, contract: string): CompiledSolidity {
  const input = {
    language: "Solidity",
    sources: { [contract]: { content: readFileSync(file, "utf8") } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.methodIdentifiers"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const compiled = output.contracts[contract]?.[contract];
  if (!compiled) throw new Error(`solc produced no contract ${contract}`);
  return {
    bytecode: compiled.evm.bytecode.object,
    selectors: compiled.evm.methodIdentifiers,
    compiler: `solc-js ${solc.version()}`,
  };
}
