import type { ContractCode } from "@ecology/kernel";

/** The benchmarked contract: a counter whose `inc` reads and writes state. */
export const COUNTER: ContractCode = {
  js: "module.exports = { default: { methods: { inc: function (ctx) { ctx.state.n = (ctx.state.n || 0) + 1; return ctx.state.n; } } } };",
  manifest: { methods: [{ name: "inc", kind: "method", params: [] }], reentrant: false },
};

/**
 * Seeds an economy with `owner` and `client0..n-1`, the counter deployed as `counter` (every
 * client's hot spot: one state, one owner paid) and, per client, its own `counter<i>` (free, its
 * own state: the uncontended case).
 */
export async function seed(
  call: (token: "operator" | string, method: string, params: unknown) => Promise<unknown>,
  clients: number,
): Promise<void> {
  const ids = Array.from({ length: clients }, (_, i) => `client${i}`);
  for (const id of ["owner", ...ids]) {
    await call("operator", "createPrincipal", { id, scrip: 1_000_000 });
  }
  await call("owner", "deploy", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
  for (const [i, id] of ids.entries()) {
    await call(id, "deploy", { id: `counter${i}`, code: COUNTER });
  }
}
