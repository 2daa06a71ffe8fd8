import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import {
  COUNTER,
  fingerprint,
  mustDeploy,
  nonFailureEventCount,
  testKernel,
} from "./test-fixtures/contracts.js";
import type { ErrorCode } from "./types.js";

let k: Kernel;

beforeAll(async () => {
  k = await testKernel({ limits: { maxArgsBytes: 1024, maxContentBytes: 2048 } });
  k.createPrincipal("alice", { scrip: 100 });
  k.createPrincipal("bob", { scrip: 10 });
  mustDeploy(k, "alice", "counter", COUNTER, [1]);
  k.write("alice", "doc", { v: 1 });
});

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;
const big = "x".repeat(5000);
// biome-ignore lint/suspicious/noExplicitAny: bad input on purpose
type Any = any;

const CASES: [string, ErrorCode, () => { success: boolean; error?: { code: string } }][] = [
  [
    "invoke with a function arg",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [(() => 1) as Any]),
  ],
  [
    "invoke with undefined in args",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [undefined as Any]),
  ],
  ["invoke with NaN", "invalid_argument", () => k.invoke("bob", "counter", "inc", [Number.NaN])],
  [
    "invoke with a cyclic arg",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [cyclic as Any]),
  ],
  [
    "invoke with a Date",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [new Date() as Any]),
  ],
  [
    "invoke with args not an array",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", { 0: 1 } as Any),
  ],
  [
    "invoke with oversized args",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [big]),
  ],
  ["invoke with a bad target id", "invalid_argument", () => k.invoke("bob", "bad id!", "inc", [1])],
  [
    "invoke with a bad method name",
    "invalid_argument",
    () => k.invoke("bob", "counter", "in c", [1]),
  ],
  [
    "invoke with a negative value",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [1], { value: -1 }),
  ],
  [
    "invoke with a fractional value",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [1], { value: 0.5 }),
  ],
  ["invoke of an unknown artifact", "not_found", () => k.invoke("bob", "nothing", "inc", [1])],
  ["invoke by an unknown caller", "not_found", () => k.invoke("ghost", "counter", "inc", [1])],
  ["invoke of a data artifact", "not_executable", () => k.invoke("bob", "doc", "inc", [1])],
  ["invoke of an unknown method", "unknown_method", () => k.invoke("bob", "counter", "nope", [])],
  [
    "invoke with a wrong arg type",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", ["1"]),
  ],
  [
    "invoke with a fractional integer arg",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [1.5]),
  ],
  [
    "invoke with too many args",
    "invalid_argument",
    () => k.invoke("bob", "counter", "inc", [1, 2]),
  ],
  ["invoke with too few args", "invalid_argument", () => k.invoke("bob", "counter", "inc", [])],
  [
    "ledger transfer of a string amount",
    "invalid_argument",
    () => k.invoke("bob", "genesis_ledger", "transfer", ["alice", "5"]),
  ],
  [
    "ledger transfer of a negative amount",
    "invalid_argument",
    () => k.invoke("bob", "genesis_ledger", "transfer", ["alice", -5]),
  ],
  [
    "ledger transfer to nobody",
    "not_found",
    () => k.invoke("bob", "genesis_ledger", "transfer", ["ghost", 5]),
  ],
  [
    "ledger overdraft",
    "insufficient_funds",
    () => k.invoke("bob", "genesis_ledger", "transfer", ["alice", 11]),
  ],
  [
    "store query of an unknown kind",
    "invalid_argument",
    () => k.invoke("bob", "genesis_store", "query", ["stuff"]),
  ],
  ["write with a bad id", "invalid_argument", () => k.write("bob", "a/b", 1)],
  ["write of a reserved id", "invalid_argument", () => k.write("bob", "genesis_x", 1)],
  ["write over a principal id", "conflict", () => k.write("bob", "alice", 1)],
  [
    "write of non-JSON content",
    "invalid_argument",
    () => k.write("bob", "n1", { f: () => 1 } as Any),
  ],
  ["write of oversized content", "invalid_argument", () => k.write("bob", "n2", big)],
  ["write of someone else's artifact", "not_authorized", () => k.write("bob", "doc", 2)],
  ["write to a contract", "invalid_state", () => k.write("alice", "counter", 2)],
  [
    "write with a bad policy",
    "invalid_argument",
    () => k.write("bob", "n3", 1, { policy: { readPrice: -1 } }),
  ],
  [
    "write with an unknown policy field",
    "invalid_argument",
    () => k.write("bob", "n4", 1, { policy: { owner: "bob" } as Any }),
  ],
  ["write by an unknown caller", "not_found", () => k.write("ghost", "n5", 1)],
  ["read of an unknown artifact", "not_found", () => k.read("bob", "nothing")],
  ["delete of someone else's artifact", "not_authorized", () => k.delete("bob", "doc")],
  [
    "setPolicy with a bad allow list",
    "invalid_argument",
    () => k.setPolicy("alice", "doc", { allowRead: ["ok", "not ok"] }),
  ],
  [
    "setPolicy of a genesis artifact",
    "not_authorized",
    () => k.setPolicy("alice", "genesis_ledger", { invokePrice: 5 }),
  ],
  ["transferOwnership to nobody", "not_found", () => k.transferOwnership("alice", "doc", "ghost")],
  [
    "transferOwnership to the escrow directly",
    "invalid_argument",
    () => k.transferOwnership("alice", "doc", "genesis_escrow"),
  ],
  ["deploy without code", "invalid_argument", () => k.deploy("alice", {} as Any)],
  [
    "deploy with a bad manifest",
    "invalid_argument",
    () =>
      k.deploy("alice", {
        code: { js: "x", manifest: { methods: [{ name: "a", kind: "other" }] } } as Any,
      }),
  ],
  ["deploy over a taken id", "conflict", () => k.deploy("alice", { id: "doc", code: COUNTER })],
  [
    "deploy with bad init args",
    "invalid_argument",
    () => k.deploy("alice", { code: COUNTER, args: [1, 2] }),
  ],
  [
    "deploy of code that does not parse",
    "invalid_argument",
    () => k.deploy("alice", { code: { ...COUNTER, js: "module.exports = {" } }),
  ],
  ["mint a negative amount", "invalid_argument", () => k.mint("bob", -1)],
  ["mint to nobody", "not_found", () => k.mint("ghost", 1)],
  ["createPrincipal with a bad id", "invalid_argument", () => k.createPrincipal("", { scrip: 1 })],
  ["createPrincipal twice", "conflict", () => k.createPrincipal("bob")],
  [
    "createPrincipal with fractional scrip",
    "invalid_argument",
    () => k.createPrincipal("carol", { scrip: 1.5 }),
  ],
];

describe("bad input", () => {
  it.each(CASES)("%s fails with %s and changes nothing", (_, code, call) => {
    const before = fingerprint(k);
    const events = nonFailureEventCount(k);
    const env = call();
    expect(env).toMatchObject({ success: false, error: { code } });
    expect(fingerprint(k)).toBe(before);
    expect(nonFailureEventCount(k)).toBe(events);
  });

  it("still works normally afterwards", () => {
    expect(k.invoke("bob", "counter", "inc", [2])).toMatchObject({ success: true, result: 3 });
    k.checkInvariants();
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });
});
