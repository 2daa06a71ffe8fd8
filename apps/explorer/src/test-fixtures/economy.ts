import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ContractCode,
  createClient,
  type EcologyClient,
  type Envelope,
} from "@ecology/protocol";
import { compileContract } from "@ecology/sdk/compiler";

/** A hand-compiled contract (no SDK needed): one method per entry, written as plain JS. */
function contract(methods: { [name: string]: string }): ContractCode {
  const body = Object.entries(methods)
    .map(([name, fn]) => `${name}: ${fn}`)
    .join(", ");
  return {
    js: `module.exports = { default: { methods: { ${body} } } };`,
    manifest: {
      methods: Object.keys(methods).map((name) => ({ name, kind: "method" as const, params: [] })),
      reentrant: false,
    },
  };
}

/** The TypeScript source of alice's oracle (see oracle.ts), compiled with its source map. */
export const ORACLE_SOURCE = join(import.meta.dirname, "oracle.ts");

/** The line of oracle.ts where `boom` fails: a trace must point at it. */
export const BOOM_LINE =
  readFileSync(ORACLE_SOURCE, "utf8")
    .split("\n")
    .findIndex((line) => line.includes('ctx.fail("invalid_state"')) + 1;

async function compiledOracle(): Promise<ContractCode> {
  const built = await compileContract(ORACLE_SOURCE);
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.code;
}

/** bob's broker: `ask` calls the oracle's failing method and records that it failed. */
export const BROKER = contract({
  ask: `function (ctx) { var r = ctx.invoke("oracle", "boom"); ctx.emit("asked", { ok: r.success }); return r.success; }`,
});

/** The protected diary's content: it must never appear in the explorer. */
export const DIARY_SECRET = "dear-diary-9c1e";

/** The clients of a scripted economy on a running `ecology dev`. */
export interface Economy {
  operator: EcologyClient;
  alice: EcologyClient;
  bob: EcologyClient;
  carol: EcologyClient;
  /** The tx of bob's `broker.ask`, whose nested call to the oracle failed. */
  failedTx: string;
}

async function ok<T>(label: string, pending: Promise<Envelope<T>>): Promise<T> {
  const envelope = await pending;
  if (!envelope.success) throw new Error(`${label}: ${envelope.error.message}`);
  return envelope.result;
}

/**
 * Scripts a small economy over HTTP: three principals, two contracts, an escrow trade, a failed
 * nested call and an allowRead-protected artifact.
 */
export async function scriptEconomy(url: string, dir: string): Promise<Economy> {
  const token = (file: string) => readFileSync(join(dir, file), "utf8").trim();
  const operator = createClient({ url, token: token("operator.token") });
  for (const [id, scrip] of [
    ["alice", 100],
    ["bob", 80],
    ["carol", 20],
  ] as const)
    await ok(`create ${id}`, operator.call("createPrincipal", { id, scrip }));
  const as = (id: string) => createClient({ url, token: token(`tokens/${id}.token`) });
  const [alice, bob, carol] = [as("alice"), as("bob"), as("carol")];
  await ok(
    "oracle",
    alice.call("deploy", {
      id: "oracle",
      code: await compiledOracle(),
      policy: { invokePrice: 2 },
    }),
  );
  await ok("broker", bob.call("deploy", { id: "broker", code: BROKER }));
  // The broker pays the oracle's price from its own wallet.
  await ok("fund broker", operator.call("mint", { id: "broker", amount: 10 }));
  await ok("quote", carol.call("invoke", { target: "oracle", method: "quote", args: [] }));
  await ok("report", alice.call("write", { id: "report", content: { pages: 12 } }));
  await ok(
    "list",
    alice.call("invoke", { target: "genesis_escrow", method: "deposit", args: ["report", 30] }),
  );
  await ok(
    "buy",
    bob.call("invoke", { target: "genesis_escrow", method: "purchase", args: ["report"] }),
  );
  await ok(
    "diary",
    alice.call("write", {
      id: "diary",
      content: { text: DIARY_SECRET },
      policy: { allowRead: ["alice"] },
    }),
  );
  const asked = await bob.call("invoke", { target: "broker", method: "ask", args: [] });
  if (!asked.success) throw new Error(`ask: ${asked.error.message}`);
  const failed = asked.events.find((e) => e.type === "invoke.failed");
  if (!failed) throw new Error("the nested call did not fail");
  return { operator, alice, bob, carol, failedTx: failed.tx };
}
