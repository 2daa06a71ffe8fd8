import {
  ContractDecoder,
  EdrContext,
  L1_CHAIN_TYPE,
  l1GenesisState,
  l1HardforkLatest,
  l1HardforkToString,
  l1ProviderFactory,
  MineOrdering,
  type Provider,
} from "@nomicfoundation/edr";
import type { CompiledSolidity } from "./solidity.js";

/**
 * Hardhat's well-known development keys #0 and #1 and their addresses (public test data that
 * every Hardhat node prints at start): the provider that deploys and the consumer that pays.
 */
const ACCOUNTS = [
  {
    key: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    address: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  },
  {
    key: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    address: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  },
] as const;
const [PROVIDER, CONSUMER] = ACCOUNTS;

/** The market on EDR: `invoke` sends one paying `summary()` transaction, mined at once. */
export interface EdrMarket {
  invoke(): Promise<void>;
  /** Reads `uses(consumer)` from the chain: how many paid calls were mined successfully. */
  uses(): Promise<bigint>;
}

const bytes = (hex: string) => Buffer.from(hex.replace(/^0x/, ""), "hex");
const word = (n: bigint | number) => BigInt(n).toString(16).padStart(64, "0");

// EdrContext must be created once per process (EDR's own rule).
let context: Promise<EdrContext> | undefined;
function edrContext(): Promise<EdrContext> {
  context ??= (async () => {
    const ctx = new EdrContext();
    await ctx.registerProviderFactory(L1_CHAIN_TYPE, l1ProviderFactory());
    return ctx;
  })();
  return context;
}

async function createProvider(): Promise<Provider> {
  const hardfork = l1HardforkLatest();
  const funded = ACCOUNTS.map((a) => ({ address: bytes(a.address), balance: 10n ** 24n }));
  return (await edrContext()).createProvider(
    L1_CHAIN_TYPE,
    {
      allowBlocksWithSameTimestamp: false,
      allowUnlimitedContractSize: false,
      bailOnCallFailure: false,
      bailOnTransactionFailure: false,
      chainId: 31337n,
      coinbase: bytes("0xc014ba5ec014ba5ec014ba5ec014ba5ec014ba5e"),
      defaultTransactionGasLimit: 16_000_000n,
      genesisState: [...l1GenesisState(hardfork), ...funded],
      hardfork: l1HardforkToString(hardfork),
      initialBaseFeePerGas: 1_000_000_000n,
      minGasPrice: 0n,
      mining: {
        autoMine: true,
        blockGasLimit: 30_000_000n,
        memPool: { order: MineOrdering.Priority },
      },
      network: { genesisBlockGasLimit: 30_000_000n },
      networkId: 31337n,
      observability: {},
      ownedAccounts: ACCOUNTS.map((a) => a.key),
      precompileOverrides: [],
    },
    { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} },
    { subscriptionCallback: () => {} },
    new ContractDecoder(),
  );
}

function rpcClient(provider: Provider) {
  let id = 0;
  return async (method: string, params: unknown[]): Promise<unknown> => {
    const response = await provider.handleRequest(
      JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    );
    const data = (
      typeof response.data === "string" ? JSON.parse(response.data) : response.data
    ) as {
      result?: unknown;
      error?: { message: string };
    };
    if (data.error) throw new Error(`EDR ${method}: ${data.error.message}`);
    return data.result;
  };
}

/**
 * Starts Hardhat's in-process EDR network (latest hardfork, automine: every transaction is
 * mined into its own block), deploys `compiled` (the MarketData contract) with `price` wei,
 * adds `quotes`, and returns the paying call. Lives as long as the process. Throws when a
 * deployment transaction fails.
 *
 * @example
 * ```ts
 * const market = await createEdrMarket(compileSolidity(url, "MarketData"), 5, [["ECO", 120]]);
 * await market.invoke();
 * ```
 */
export async function createEdrMarket(
  compiled: CompiledSolidity,
  price: number,
  quotes: readonly { symbol: string; price: number }[],
): Promise<EdrMarket> {
  const rpc = rpcClient(await createProvider());
  const send = async (tx: object) => {
    const hash = await rpc("eth_sendTransaction", [tx]);
    const receipt = (await rpc("eth_getTransactionReceipt", [hash])) as {
      status: string;
      contractAddress?: string;
    };
    if (receipt.status !== "0x1") throw new Error(`EDR transaction ${String(hash)} reverted`);
    return receipt;
  };
  const deployed = await send({
    from: PROVIDER.address,
    data: `0x${compiled.bytecode}${word(price)}`,
  });
  const market = deployed.contractAddress as string;
  for (const q of quotes) {
    const symbol = Buffer.from(q.symbol).toString("hex").padEnd(64, "0");
    await send({
      from: PROVIDER.address,
      to: market,
      data: `0x${compiled.selectors["addQuote(bytes32,uint256)"]}${symbol}${word(q.price)}`,
    });
  }
  const summary = {
    from: CONSUMER.address,
    to: market,
    value: `0x${price.toString(16)}`,
    data: `0x${compiled.selectors["summary()"]}`,
  };
  const usesCall = {
    to: market,
    data: `0x${compiled.selectors["uses(address)"]}${CONSUMER.address.slice(2).padStart(64, "0")}`,
  };
  return {
    invoke: async () => {
      await rpc("eth_sendTransaction", [summary]);
    },
    uses: async () => BigInt(String(await rpc("eth_call", [usesCall, "latest"]))),
  };
}
