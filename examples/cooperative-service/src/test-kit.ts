import { createKernel, type Envelope, type Kernel, type KernelEvent } from "@ecology/kernel";
import { compileContract } from "@ecology/sdk/compiler";

/**
 * Small local test helpers for this example (the @ecology/testing kit will replace them):
 * a fresh in-memory kernel with funded principals, deploy-from-source, and envelope unwrapping.
 */
export async function kernelWith(principals: { [id: string]: number }): Promise<Kernel> {
  const kernel = await createKernel({ storage: ":memory:" });
  for (const [id, scrip] of Object.entries(principals)) ok(kernel.createPrincipal(id, { scrip }));
  return kernel;
}

/** Compiles `file` with the SDK compiler and deploys it as `owner`; returns the artifact id. */
export async function deployFile(
  kernel: Kernel,
  owner: string,
  file: string,
  spec: { id: string; args?: unknown[]; policy?: Parameters<Kernel["deploy"]>[1]["policy"] },
): Promise<string> {
  const built = await compileContract(file);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  const deployed = kernel.deploy(owner, {
    id: spec.id,
    code: built.code,
    args: spec.args as never,
    policy: spec.policy,
  });
  return ok(deployed).id;
}

/** The result of a successful envelope; throws with the error when it failed. */
export function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.success) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
}

/** The error code of a failed envelope; throws when it succeeded. */
export function errorCode(envelope: Envelope<unknown>): string {
  if (envelope.success)
    throw new Error(`expected a failure, got ${JSON.stringify(envelope.result)}`);
  return envelope.error.code;
}

/** Balances of the given ids. */
export function balancesOf(kernel: Kernel, ...ids: string[]): { [id: string]: number } {
  return Object.fromEntries(ids.map((id) => [id, kernel.balance(id)]));
}

/** Event types of a successful envelope (contract events keep their `contract.` prefix). */
export function eventTypes(envelope: Envelope<unknown>): string[] {
  return envelope.success ? envelope.events.map((e: KernelEvent) => e.type) : [];
}

/** The data of the first event of `type` in a successful envelope. */
export function eventData(
  envelope: Envelope<unknown>,
  type: string,
): KernelEvent["data"] | undefined {
  return envelope.success ? envelope.events.find((e) => e.type === type)?.data : undefined;
}

/** Sum of all balances; must always equal the scrip minted. */
export function totalScrip(kernel: Kernel): number {
  return Object.values(kernel.balances()).reduce((a, b) => a + b, 0);
}
