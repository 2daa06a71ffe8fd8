import type { ContractCode } from "@ecology/kernel";

/** The benchmarked contract: a counter whose `inc` reads and writes state. */
export const COUNTER: ContractCode = {
  js: "module.exports = { default: { methods: { inc: function (ctx) { ctx.state.n = (ctx.state.n || 0) + 1; return ctx.state.n; } } } };",
  manifest: { methods: [{ name: "inc", kind: "method", params: [] }], reentrant: false },
};

/** Opens a file kernel with `owner` and `client0..n-1` and the counter deployed as `counter`. */
export async function seed(
  call: (token: "operator" | string, method: string, params: unknown) => Promise<unknown>,
  clients: number,
): Promise<void> {
  for (const id of ["owner", ...Array.from({ length: clients }, (_, i) => `client${i}`)]) {
    await call("operator", "createPrincipal", { id, scrip: 1_000_000 });
  }
  await call("owner", "deploy", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
}
