import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { contract, mustDeploy, testKernel } from "./test-fixtures/contracts.js";

/**
 * Artifact ids are first come, first served: an id under a contract's id is not reserved for it.
 * The SDK README's "Large data" section tells authors to keep bulk data in data artifacts and to
 * check the owner before trusting one; these tests pin what that advice relies on.
 */
const ENTRIES = contract(
  `module.exports = { default: { methods: {
    put(ctx, key) { ctx.write(ctx.self + ".entry-" + key, { key }); return null; },
    get(ctx, key) {
      const id = ctx.self + ".entry-" + key;
      const mine = ctx.query("artifacts", { nameContains: id, owner: ctx.self });
      return { content: ctx.read(id), ids: mine.map((a) => a.id), owned: mine.some((a) => a.id === id) };
    },
  } } };`,
  { methods: { put: 1, get: 1 } },
);

/** Sequential entries that skip a number someone else took first (the README's recipe). */
const LOG = contract(
  `module.exports = { default: {
    init() { return { next: 0, skipped: [] }; },
    methods: {
      append(ctx, record) {
        for (;;) {
          const n = ctx.state.next++;
          try { ctx.write(ctx.self + ".e-" + n, record); return n; }
          catch (e) { if (e.code !== "not_authorized") throw e; ctx.state.skipped.push(n); }
        }
      },
    },
    views: {
      get(ctx, n) {
        if (n >= ctx.state.next || ctx.state.skipped.includes(n)) ctx.fail("not_found", "no entry " + n);
        return ctx.read(ctx.self + ".e-" + n);
      },
    },
  } };`,
  { init: 0, methods: { append: 1 }, views: { get: 1 } },
);

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("owner", { scrip: 0 });
  k.createPrincipal("squatter", { scrip: 0 });
  mustDeploy(k, "owner", "svc", ENTRIES);
  mustDeploy(k, "owner", "log", LOG);
});

describe("ids under a contract's id are first come, first served", () => {
  it("refuses the contract's write to an id someone else created first, and changes nothing", () => {
    expect(k.write("squatter", "svc.entry-5", { key: "fake" }).success).toBe(true);
    const put = k.invoke("owner", "svc", "put", ["5"]);
    expect(put).toMatchObject({ success: false, error: { code: "not_authorized" } });
    expect(k.getArtifact("svc.entry-5")).toMatchObject({
      owner: "squatter",
      content: { key: "fake" },
    });
  });

  it("lets an owner-filtered query tell a squatted id from the contract's own", () => {
    expect(k.write("squatter", "svc.entry-5", { key: "fake" }).success).toBe(true);
    expect(k.invoke("owner", "svc", "put", ["50"]).success).toBe(true);
    // A read alone cannot tell: it returns the squatter's content.
    const squatted = k.invoke("owner", "svc", "get", ["5"]);
    expect(squatted).toMatchObject({
      success: true,
      result: { content: { key: "fake" }, owned: false },
    });
    // `nameContains` matches substrings: svc.entry-50 is listed for "svc.entry-5".
    expect(squatted.success && squatted.result).toMatchObject({ ids: ["svc.entry-50"] });
    const own = k.invoke("owner", "svc", "get", ["50"]);
    expect(own).toMatchObject({ success: true, result: { content: { key: "50" }, owned: true } });
  });

  it("lets a contract catch the refusal, skip the taken id and never read it as its own", () => {
    expect(k.write("squatter", "log.e-1", "fake").success).toBe(true);
    expect(k.invoke("owner", "log", "append", ["a"])).toMatchObject({ success: true, result: 0 });
    expect(k.invoke("owner", "log", "append", ["b"])).toMatchObject({ success: true, result: 2 });
    expect(k.getArtifact("log")?.state).toEqual({ next: 3, skipped: [1] });
    expect(k.invoke("owner", "log", "get", [1])).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
    expect(k.invoke("owner", "log", "get", [2])).toMatchObject({ success: true, result: "b" });
    expect(k.getArtifact("log.e-2")?.owner).toBe("log");
  });
});
