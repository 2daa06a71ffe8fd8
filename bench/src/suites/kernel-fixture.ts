import { type ContractCode, createKernel, type Kernel } from "@ecology/kernel";
import { calibrate, interleaved, type Sample, sampleSync } from "../measure.js";

const fixedClock = () => 1_700_000_000_000;

/**
 * A kernel on `storage` with a funded `consumer` and the operator-free `provider` that owns
 * what the growth suites deploy. The caller closes it.
 *
 * @example
 * ```ts
 * const kernel = await fundedKernel(":memory:");
 * ```
 */
export async function fundedKernel(storage: string): Promise<Kernel> {
  const kernel = await createKernel({ storage, clock: fixedClock });
  kernel.createPrincipal("provider", { scrip: 0 });
  kernel.createPrincipal("consumer", { scrip: 1e15 });
  return kernel;
}

/**
 * Deploys `code` as `id` owned by `provider`. Throws an `Error` with the kernel's message when
 * the deploy fails.
 *
 * @example
 * ```ts
 * deployOrThrow(kernel, "svc", code, [0], 1);
 * ```
 */
export function deployOrThrow(
  kernel: Kernel,
  id: string,
  code: ContractCode,
  args: unknown[],
  price = 0,
): void {
  const env = kernel.deploy("provider", {
    id,
    code,
    args: args as never,
    policy: { invokePrice: price },
  });
  if (!env.success) throw new Error(`deploy ${id} failed: ${env.error.code} ${env.error.message}`);
}

/**
 * `consumer` invoking `use` on `target`, throwing an `Error` when the call fails (a refusal
 * must never pass for a fast call).
 */
export function useOf(kernel: Kernel, target: string): () => void {
  return () => {
    const env = kernel.invoke("consumer", target, "use", []);
    if (!env.success)
      throw new Error(`${target}.use failed: ${env.error.code} ${env.error.message}`);
  };
}

/**
 * Median per-op cost of `fn` over `rounds` batches of about 300 ms (the first batch-length of
 * calls warms it up).
 */
export async function measureCall(fn: () => void, rounds: number): Promise<Sample> {
  const ops = await calibrate(fn, 300);
  const cost = await interleaved(
    [{ name: "call", sample: async () => sampleSync(fn, ops) }],
    rounds,
  );
  return cost.get("call") as Sample;
}
