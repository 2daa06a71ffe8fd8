import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  COUNTER,
  contract,
  LINK,
  mustDeploy,
  SERVICE,
  testKernel,
} from "../test-fixtures/contracts.js";
import { REDACTED, type Trace, type TraceFrame } from "../types.js";

let k: Kernel;
afterEach(() => k.close());

async function traced(which: Parameters<Kernel["trace"]>[0], redacted = false): Promise<Trace> {
  const env = await k.trace(which, { redacted });
  if (!env.success) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result;
}

const shape = (f: TraceFrame): unknown => ({
  call: `${f.caller} → ${f.target}.${f.method}`,
  ok: f.success,
  rolledBack: f.rolledBack,
  calls: f.calls.map(shape),
});

describe("kernel.trace", () => {
  it("shows a nested, partly rolled-back call: the failing frame, its path and position, and what stayed", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 100 });
    mustDeploy(k, "alice", "a", LINK);
    mustDeploy(k, "alice", "b", LINK);
    mustDeploy(k, "alice", "c", LINK);
    // a pays alice 1, calls b (which calls c, which throws) and catches b's failure.
    k.mint("a", 10);
    const plan = {
      pay: { to: "alice", amount: 1 },
      mode: "catch",
      next: { target: "b", plan: { mode: "call", next: { target: "c", plan: { throw: true } } } },
    };
    const env = k.invoke("alice", "a", "run", [plan]);
    expect(env.success).toBe(true);
    const t = await traced({ last: true });
    expect(t).toMatchObject({ op: "invoke", origin: "alice", success: true, faithful: true });
    expect(t.calls.map(shape)).toEqual([
      {
        call: "alice → a.run",
        ok: true,
        rolledBack: false,
        calls: [
          {
            call: "a → b.run",
            ok: false,
            rolledBack: true,
            calls: [{ call: "b → c.run", ok: false, rolledBack: true, calls: [] }],
          },
        ],
      },
    ]);
    const top = t.calls[0] as TraceFrame;
    const b = top.calls[0] as TraceFrame;
    const c = b.calls[0] as TraceFrame;
    expect(top.args).toEqual([plan]);
    expect(top.result).toMatchObject({ caught: "contract_error" });
    expect(c.error).toMatchObject({
      code: "contract_error",
      message: "boom at c",
      path: [
        { artifact: "a", method: "run" },
        { artifact: "b", method: "run" },
        { artifact: "c", method: "run" },
      ],
    });
    expect(c.error?.at?.line).toBeGreaterThan(0);
    // b's and c's hits and events were undone; a's stayed.
    expect(c.events.map((e) => e.type)).toEqual(["contract.hit"]);
    expect(top.states).toEqual([{ artifact: "a", before: {}, after: { hits: 1 } }]);
    expect(t.states).toEqual([{ artifact: "a", before: {}, after: { hits: 1 } }]);
    expect(t.scrip).toEqual([{ from: "a", to: "alice", amount: 1 }]);
    expect(t.events.map((e) => e.type)).toEqual([
      "contract.hit",
      "scrip.transferred",
      "invoke.failed",
      "invoke.failed",
      "invoke.succeeded",
    ]);
    expect(t.summary).toBe("alice called a.run (2 nested calls, 2 failed and rolled back)");
  });

  it("says in plain words who bought what from whom, for how much", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 0 });
    k.createPrincipal("bob", { scrip: 50 });
    k.write("alice", "report", { text: "q3" });
    k.invoke("alice", "genesis_escrow", "deposit", ["report", 30]);
    expect((await traced({ last: true })).summary).toBe(
      "alice listed report on genesis_escrow for 30 scrip",
    );
    k.invoke("bob", "genesis_escrow", "purchase", ["report"]);
    const t = await traced({ last: true });
    expect(t.summary).toBe("bob bought report from alice through genesis_escrow for 30 scrip");
    expect(t.scrip).toEqual([{ from: "bob", to: "alice", amount: 30 }]);
    expect(t.ownership).toEqual([{ artifact: "report", from: "genesis_escrow", to: "bob" }]);
    k.invoke("bob", "genesis_ledger", "transfer", ["alice", 5]);
    expect((await traced({ last: true })).summary).toBe("bob paid alice 5 scrip");
  });

  it("traces a failed top-level call as failed, with nothing moved", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 100 });
    mustDeploy(k, "alice", "svc", SERVICE, [], { invokePrice: 3 });
    k.createPrincipal("bob", { scrip: 100 });
    mustDeploy(k, "alice", "counter", COUNTER, [0]);
    k.invoke("bob", "counter", "crash", []);
    const t = await traced({ last: true });
    expect(t.success).toBe(false);
    expect(t.error?.code).toBe("contract_error");
    expect(t.scrip).toEqual([]);
    expect(t.states).toEqual([]);
    expect(t.summary).toMatch(
      /^bob's call to counter\.crash failed: contract_error — crashed on purpose; nothing moved$/,
    );
    // The crash threw before its state was saved: the frame changed nothing, and is rolled back.
    expect(t.calls[0]).toMatchObject({ success: false, rolledBack: true, states: [] });
  });

  it("gives the same trace in any order of asking (re-execution is positioned correctly)", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 1000 });
    mustDeploy(k, "alice", "counter", COUNTER, [0]);
    for (let i = 1; i <= 12; i++) k.invoke("alice", "counter", "inc", [i]);
    const inOrder: Trace[] = [];
    for (let seq = 1; seq <= 14; seq++) inOrder.push(await traced({ tx: `tx${seq}` }));
    for (const seq of [14, 3, 9, 1, 13, 2])
      expect(await traced({ tx: `tx${seq}` })).toEqual(inOrder[seq - 1]);
    // By the seq of any event the transaction appended.
    const last = inOrder[13]?.events.at(-1);
    expect(await traced({ event: last?.seq as number })).toEqual(inOrder[13]);
    expect(inOrder.every((t) => t.faithful)).toBe(true);
    expect(inOrder[13]?.calls[0]?.result).toBe(78);
  });

  it("refuses an unknown transaction with not_found and a bad request with invalid_argument", async () => {
    k = await testKernel();
    expect(await k.trace({ last: true })).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
    k.createPrincipal("alice", { scrip: 1 });
    expect(await k.trace({ tx: "tx99" })).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
    expect(await k.trace({ tx: "nope" })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(await k.trace({ event: 9999 })).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
  });

  it("redacts arguments, results, states and content that allowRead protects", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 100 });
    k.createPrincipal("bob", { scrip: 100 });
    const SECRETIVE = contract(
      `module.exports = { default: { methods: { keep(ctx, s) { ctx.state.secret = s; return "kept " + s; } } } };`,
      { methods: { keep: 1 } },
    );
    mustDeploy(k, "alice", "vault", SECRETIVE, [], { allowRead: ["alice"] });
    k.invoke("bob", "vault", "keep", ["hunter2"]);
    const full = await traced({ last: true });
    expect(JSON.stringify(full)).toContain("hunter2");
    const seen = await traced({ last: true }, true);
    expect(JSON.stringify(seen)).not.toContain("hunter2");
    expect(seen.calls[0]).toMatchObject({ args: REDACTED, result: REDACTED, caller: "bob" });
    expect(seen.states).toEqual([{ artifact: "vault", before: REDACTED, after: REDACTED }]);
    k.write("alice", "diary", { text: "dear diary" }, { policy: { allowRead: ["alice"] } });
    const write = await traced({ last: true }, true);
    expect(write.params.content).toBe(REDACTED);
    expect(write.summary).toBe("alice wrote diary");
  });
});
