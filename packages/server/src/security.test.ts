import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, COUNTER_V2, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ maxBodyBytes: 64 * 1024 });
  const operatorWrites = await h.rpc(h.alice, "write", { id: "alice_doc", content: { v: 1 } });
  expect(operatorWrites.result).toMatchObject({ success: true });
  await h.rpc(h.alice, "deploy", { id: "counter", code: COUNTER });
  const upgradable = { id: "counter_up", code: COUNTER, policy: { upgradable: true } };
  expect((await h.rpc(h.alice, "deploy", upgradable)).result).toMatchObject({ success: true });
});
afterAll(() => h.close());

/** Runs `attempt` and asserts it changed nothing at all in the kernel. */
async function unchanged(attempt: () => Promise<unknown>) {
  const before = await h.snapshot();
  await attempt();
  expect(await h.snapshot()).toEqual(before);
}

describe("server auth", () => {
  it("refuses a request with no token, changing nothing", async () => {
    await unchanged(async () => {
      const r = await h.post(
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "invoke",
          params: { target: "genesis_ledger", method: "transfer", args: ["bob", 10] },
        }),
      );
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: { code: -32001, data: { code: "not_authorized" } } });
    });
  });

  it("refuses wrong and forged tokens, changing nothing", async () => {
    const forged = h.alice.slice(0, -4) + (h.alice.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const token of ["nope", `${h.alice}x`, forged, h.operator.slice(0, -1), "ecology_p_."]) {
      await unchanged(async () => {
        const r = await h.rpc(token, "invoke", {
          target: "genesis_ledger",
          method: "transfer",
          args: ["bob", 10],
        });
        expect(r.error?.code).toBe(-32001);
      });
    }
  });

  it("acts only as the principal whose token is presented", async () => {
    await unchanged(async () => {
      // bob cannot pick a caller: the params schema has no such field.
      const asAlice = await h.rpc(h.bob, "invoke", {
        caller: "alice",
        target: "genesis_ledger",
        method: "transfer",
        args: ["bob", 10],
      });
      expect(asAlice.error?.data.code).toBe("invalid_argument");
      // With bob's token, alice's artifact is out of reach: the kernel sees bob.
      const write = await h.rpc(h.bob, "write", { id: "alice_doc", content: { v: 2 } });
      expect(write.result).toMatchObject({ success: false, error: { code: "not_authorized" } });
      const policy = await h.rpc(h.bob, "setPolicy", {
        id: "alice_doc",
        policy: { allowRead: ["bob"] },
      });
      expect(policy.result).toMatchObject({ success: false });
      const give = await h.rpc(h.bob, "transferOwnership", { id: "counter", to: "bob" });
      expect(give.result).toMatchObject({ success: false });
    });
    const who = await h.rpc(h.bob, "whoami", {});
    expect(who.result).toMatchObject({ success: true, result: { kind: "principal", id: "bob" } });
  });

  it("refuses a principal's token on operator methods, changing nothing", async () => {
    await unchanged(async () => {
      for (const [method, params] of [
        ["mint", { id: "alice", amount: 1000 }],
        ["createPrincipal", { id: "mallory", scrip: 1000 }],
        ["getArtifact", { id: "counter" }],
        ["journal", {}],
        ["journal", { after: 0, limit: 1 }],
      ] as const) {
        const r = await h.rpc(h.alice, method, params);
        expect(r.error).toMatchObject({ code: -32003, data: { code: "not_authorized" } });
      }
    });
    expect(h.server.credentials.tokenFor("mallory")).toBeUndefined();
  });

  it("upgrades only as the principal whose token is presented, and only its owner", async () => {
    await unchanged(async () => {
      const asAlice = await h.rpc(h.bob, "upgrade", {
        caller: "alice",
        id: "counter_up",
        code: COUNTER_V2,
      });
      expect(asAlice.error?.data.code).toBe("invalid_argument");
      const byBob = await h.rpc(h.bob, "upgrade", { id: "counter_up", code: COUNTER_V2 });
      expect(byBob.result).toMatchObject({ success: false, error: { code: "not_authorized" } });
      const byOperator = await h.rpc(h.operator, "upgrade", { id: "counter_up", code: COUNTER_V2 });
      expect(byOperator.error).toMatchObject({ code: -32003, data: { code: "not_authorized" } });
    });
    // Refused before the kernel ran, so nothing was journaled for the operator's attempt; the
    // kernel journals bob's refused attempt (a failed operation is history too) and changed nothing.
    const journal = await h.rpc(h.operator, "journal", {});
    const records = (journal.result as { result: { records: { op: string; origin: string }[] } })
      .result.records;
    expect(records.filter((r) => r.op === "upgrade").map((r) => r.origin)).toEqual(["bob"]);
  });

  it("refuses to upgrade a contract deployed without policy.upgradable, even for its owner", async () => {
    await unchanged(async () => {
      const r = await h.rpc(h.alice, "upgrade", { id: "counter", code: COUNTER_V2 });
      expect(r.result).toMatchObject({
        success: false,
        error: { code: "not_authorized", details: { reason: "not_upgradable" } },
      });
    });
  });

  it("refuses the operator token on methods that act as a principal", async () => {
    await unchanged(async () => {
      const r = await h.rpc(h.operator, "invoke", { target: "counter", method: "inc", args: [] });
      expect(r.error?.code).toBe(-32003);
    });
  });

  it("refuses oversized bodies with 413, with or without a length header", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "write",
      params: { id: "big", content: "x".repeat(70 * 1024) },
    });
    await unchanged(async () => {
      const r = await h.post(big, h.alice);
      expect(r.status).toBe(413);
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 80; i++)
            controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
          controller.close();
        },
      });
      const streamed = await fetch(`${h.server.url}/rpc`, {
        method: "POST",
        headers: { authorization: `Bearer ${h.alice}` },
        body: chunks,
        duplex: "half",
      } as RequestInit);
      expect(streamed.status).toBe(413);
    });
  });
});
