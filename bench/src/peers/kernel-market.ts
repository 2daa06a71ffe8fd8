import { type ContractCode, createKernel, type Kernel } from "@ecology/kernel";

/** The market on our kernel: `invoke` is one paid `summary` call, one transaction. */
export interface KernelMarket {
  kernel: Kernel;
  invoke(): void;
}

const fixedClock = () => 1_700_000_000_000;

/**
 * Opens a kernel on `storage` (":memory:" or a file, WAL), creates `provider` and `consumer`,
 * deploys the compiled pay-per-use example as `market` with `price` and `quotes`, and returns
 * the paid call. The caller closes `kernel`. `invoke` throws an `Error` if a call fails, so a
 * refusal can never pass for a fast invoke.
 *
 * @example
 * ```ts
 * const m = await createKernelMarket(":memory:", code, 5, quotes);
 * m.invoke();
 * m.kernel.close();
 * ```
 */
export async function createKernelMarket(
  storage: string,
  code: ContractCode,
  price: number,
  quotes: readonly { symbol: string; price: number }[],
): Promise<KernelMarket> {
  const kernel = await createKernel({ storage, clock: fixedClock });
  kernel.createPrincipal("provider", { scrip: 0 });
  kernel.createPrincipal("consumer", { scrip: 1e15 });
  const deployed = kernel.deploy("provider", {
    id: "market",
    code,
    args: [quotes.map((q) => ({ ...q }))],
    policy: { invokePrice: price },
  });
  if (!deployed.success) throw new Error(`deploy failed: ${deployed.error.message}`);
  return {
    kernel,
    invoke() {
      const env = kernel.invoke("consumer", "market", "summary", []);
      if (!env.success) throw new Error(`summary failed: ${env.error.code} ${env.error.message}`);
    },
  };
}
