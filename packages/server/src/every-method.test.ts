import {
  createClient,
  type EcologyClient,
  type Envelope,
  QUERY_KINDS,
  RPC_METHODS,
  type RpcMethod,
  type RpcResult,
  validate,
} from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
let alice: EcologyClient;
let bob: EcologyClient;
let operator: EcologyClient;
/** The grant `grantCreate` issued, for `grantRevoke`. */
let grantId = "";

beforeAll(async () => {
  h = await startHarness();
  // validateResults: a success whose result is off its schema comes back as an internal failure.
  const client = (token: string) =>
    createClient({ url: h.server.url, token, validateResults: true });
  alice = client(h.alice);
  bob = client(h.bob);
  operator = client(h.operator);
});
afterAll(() => h.close());

/**
 * One call of every method of the table, over real HTTP, in an order in which each succeeds.
 * The mapped type makes a method added to the table without a call here a compile error; the
 * first test refuses it at run time too.
 */
const CALLS: { [M in RpcMethod]: () => Promise<Envelope<RpcResult<M>>> } = {
  createPrincipal: () => operator.call("createPrincipal", { id: "carol", scrip: 5 }),
  mint: () => operator.call("mint", { id: "carol", amount: 10 }),
  deploy: () =>
    alice.call("deploy", {
      id: "counter",
      code: COUNTER,
      policy: { invokePrice: 1, upgradable: true },
    }),
  invoke: () => bob.call("invoke", { target: "counter", method: "inc", args: [2] }),
  upgrade: () => alice.call("upgrade", { id: "counter", code: COUNTER }),
  grantCreate: async () => {
    const env = await bob.call("grantCreate", { spend: 5, targets: ["counter.inc"] });
    if (env.success) grantId = env.result.grant.id;
    return env;
  },
  grantList: () => bob.call("grantList", {}),
  grantRevoke: () => bob.call("grantRevoke", { id: grantId }),
  write: () => alice.call("write", { id: "doc", content: { v: 1 }, metadata: { topic: "x" } }),
  read: () => bob.call("read", { id: "doc" }),
  setPolicy: () => alice.call("setPolicy", { id: "doc", policy: { readPrice: 2 } }),
  transferOwnership: () => alice.call("transferOwnership", { id: "doc", to: "bob" }),
  delete: () => bob.call("delete", { id: "doc" }),
  balance: () => bob.call("balance", {}),
  balances: () => bob.call("balances", {}),
  totalMinted: () => bob.call("totalMinted", {}),
  artifacts: () => bob.call("artifacts", {}),
  query: () => bob.call("query", { kind: "principals" }),
  events: () => bob.call("events", { limit: 1000 }),
  trace: () => bob.call("trace", { last: true }),
  verifyLog: () => bob.call("verifyLog", {}),
  whoami: () => bob.call("whoami", {}),
  getArtifact: () => operator.call("getArtifact", { id: "counter" }),
  journal: () => operator.call("journal", { limit: 5 }),
};

describe("every RPC method, over HTTP", () => {
  it("has a call here for every method of the table", () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(RPC_METHODS).sort());
  });

  it("answers each with a success envelope whose result matches the method's result schema", async () => {
    for (const method of Object.keys(CALLS) as RpcMethod[]) {
      const envelope: Envelope<unknown> = await CALLS[method]();
      expect(envelope, method).toMatchObject({ success: true, cost: expect.any(Object) });
      if (!envelope.success) continue;
      expect(Array.isArray(envelope.events), method).toBe(true);
      // Checked again here, so the test does not rest on the client option alone.
      const checked = validate(RPC_METHODS[method].result, envelope.result, { path: method });
      expect(checked.ok ? "" : checked.message, method).toBe("");
    }
  });

  it("answers every query kind within the query result schema", async () => {
    await alice.call("write", { id: "report", content: 1 });
    const listed = await alice.call("invoke", {
      target: "genesis_escrow",
      method: "deposit",
      args: ["report", 3],
    });
    expect(listed.success).toBe(true);
    for (const kind of QUERY_KINDS) {
      const envelope = await bob.call("query", { kind });
      expect(envelope.success ? envelope.result.length : -1, kind).toBeGreaterThan(0);
    }
  });

  it("answers getArtifact of an unknown id with a not_found failure envelope", async () => {
    const envelope = await operator.call("getArtifact", { id: "no_such_thing" });
    expect(envelope).toEqual({
      success: false,
      error: { code: "not_found", message: "no artifact no_such_thing" },
    });
  });

  it("answers balance without an id, asked by the operator, with an invalid_argument envelope", async () => {
    const envelope = await operator.call("balance", {});
    expect(envelope.success ? "" : envelope.error.code).toBe("invalid_argument");
  });
});
