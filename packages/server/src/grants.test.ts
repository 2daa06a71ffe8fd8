import { RPC_METHODS, type RpcMethod } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.rpc(h.alice, "deploy", { id: "counter", code: COUNTER, policy: { invokePrice: 4 } });
});
afterAll(() => h.close());

/** Issues a grant of `principal` with the operator token (on its behalf) or its own. */
async function issue(token: string, params: object): Promise<{ id: string; token: string }> {
  const r = await h.rpc(token, "grantCreate", params);
  const env = r.result as { success: boolean; result: { grant: { id: string }; token: string } };
  if (!env?.success) throw new Error(JSON.stringify(r));
  return { id: env.result.grant.id, token: env.result.token };
}

async function unchanged(attempt: () => Promise<unknown>) {
  const before = await h.snapshot();
  await attempt();
  expect(await h.snapshot()).toEqual(before);
}

describe("grant tokens over HTTP", () => {
  it("act as the principal under the grant, within its limits", async () => {
    const g = await issue(h.bob, { spend: 8, perCall: 4, targets: ["counter.inc"] });
    expect(await h.rpc(g.token, "whoami", {})).toMatchObject({
      result: { result: { kind: "grant", id: "bob", grant: g.id } },
    });
    const ok = await h.rpc(g.token, "invoke", { target: "counter", method: "inc", args: [] });
    expect(ok.result).toMatchObject({ success: true, events: expect.any(Array) });
    expect(await h.rpc(g.token, "balance", {})).toMatchObject({ result: { result: 96 } });
    await unchanged(async () => {
      const write = await h.rpc(g.token, "write", { id: "bobs", content: 1 });
      expect(write.result).toMatchObject({
        success: false,
        error: { code: "not_authorized", details: { grant: { id: g.id, reason: "target" } } },
      });
    });
    await h.rpc(g.token, "invoke", { target: "counter", method: "inc", args: [] });
    await unchanged(async () => {
      const over = await h.rpc(g.token, "invoke", { target: "counter", method: "inc", args: [] });
      expect(over.result).toMatchObject({
        error: { code: "not_authorized", details: { grant: { reason: "spend", amount: 4 } } },
      });
    });
  });

  it("never reach operator methods nor the grant methods (no wider grants)", async () => {
    const g = await issue(h.alice, { spend: 100 });
    const methods = Object.keys(RPC_METHODS) as RpcMethod[];
    const shut = methods.filter((m) => {
      const spec: { role: string; mutates: boolean; refusesGrants?: true } = RPC_METHODS[m];
      return spec.role === "operator" || spec.refusesGrants === true;
    });
    expect(shut).toEqual(
      expect.arrayContaining(["grantCreate", "grantList", "grantRevoke", "mint", "journal"]),
    );
    await unchanged(async () => {
      for (const m of shut) {
        const r = await h.rpc(g.token, m, { id: "alice", amount: 5, spend: 1000 });
        expect(r.error, m).toMatchObject({ code: -32003, data: { code: "not_authorized" } });
      }
    });
    const listed = await h.rpc(h.alice, "grantList", {});
    expect((listed.result as { result: unknown[] }).result).toHaveLength(1);
  });

  it("stop working on the next call after revocation, for views too", async () => {
    const g = await issue(h.operator, { principal: "alice", spend: 10 });
    expect((await h.rpc(g.token, "balance", {})).result).toMatchObject({ success: true });
    const revoked = await h.rpc(h.alice, "grantRevoke", { id: g.id });
    expect(revoked.result).toMatchObject({ success: true, result: { revoked: true } });
    await unchanged(async () => {
      const r = await h.rpc(g.token, "invoke", { target: "counter", method: "inc", args: [] });
      expect(r.error).toMatchObject({ code: -32001, data: { code: "not_authorized" } });
      expect((await h.rpc(g.token, "balance", {})).error?.code).toBe(-32001);
    });
  });

  it("keep principals to their own grants; the operator must name one", async () => {
    const g = await issue(h.alice, { spend: 1 });
    await unchanged(async () => {
      expect((await h.rpc(h.bob, "grantRevoke", { id: g.id })).result).toMatchObject({
        error: { code: "not_found" },
      });
      expect(
        (await h.rpc(h.bob, "grantRevoke", { id: g.id, principal: "alice" })).result,
      ).toMatchObject({ error: { code: "not_authorized" } });
      expect((await h.rpc(h.bob, "grantCreate", { principal: "alice" })).result).toMatchObject({
        error: { code: "not_authorized" },
      });
      expect((await h.rpc(h.operator, "grantList", {})).result).toMatchObject({
        error: { code: "invalid_argument" },
      });
    });
    expect((await h.rpc(h.operator, "grantList", { principal: "alice" })).result).toMatchObject({
      success: true,
    });
  });

  it("carry confirmed: true only when the call says so", async () => {
    const g = await issue(h.bob, { spend: 20, confirmAbove: 3, targets: ["counter"] });
    const call = { target: "counter", method: "inc", args: [] };
    await unchanged(async () => {
      const r = await h.rpc(g.token, "invoke", call);
      expect(r.result).toMatchObject({
        error: { details: { grant: { reason: "confirmation_required", amount: 4, limit: 3 } } },
      });
    });
    const ok = await h.rpc(g.token, "invoke", { ...call, confirmed: true });
    expect(ok.result).toMatchObject({ success: true });
  });

  it("refuses forged grant tokens", async () => {
    const g = await issue(h.bob, { spend: 1 });
    for (const t of [
      `${g.token}x`,
      `ecology_g_${g.id}.`,
      "ecology_g_",
      `ecology_g_x.${"a".repeat(43)}`,
    ])
      expect((await h.rpc(t, "balance", {})).error?.code).toBe(-32001);
  });
  it("end an open event stream once the grant is revoked", { timeout: 20_000 }, async () => {
    const g = await issue(h.bob, { spend: 8 });
    const response = await fetch(`${h.server.url}/events`, {
      headers: { authorization: `Bearer ${g.token}` },
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no stream body");
    let text = "";
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(/: connected/);
    await h.rpc(h.bob, "grantRevoke", { id: g.id });
    // A commit wakes the stream; it must end rather than deliver it.
    const inc = await h.rpc(h.alice, "invoke", { target: "counter", method: "inc", args: [] });
    const committed = (inc.result as { events: { seq: number }[] }).events.map((e) => e.seq);
    expect(committed.length).toBeGreaterThan(0);
    await readUntil(/event: error\ndata: .*\n\n/);
    expect((await reader.read()).done).toBe(true);
    const error = JSON.parse(/event: error\ndata: (.*)\n/.exec(text)?.[1] ?? "{}");
    expect(error).toMatchObject({ code: -32001, data: { code: "not_authorized" } });
    const delivered = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    for (const seq of committed) expect(delivered).not.toContain(seq);
  });
});
