import { createRuntime, type Runtime } from "@ecology/runtime";
import { createKernel, type KernelOptions } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";
import type {
  ContractCode,
  JournalRecord,
  JsonValue,
  ManifestMethod,
  ManifestParam,
} from "../types.js";

/** Params given as a count (untyped) or explicit manifest params. */
type Params = number | ManifestParam[];

function params(p: Params): ManifestParam[] {
  return typeof p === "number"
    ? Array.from({ length: p }, (_, i) => ({ name: `a${i}`, type: "unknown" }))
    : p;
}

/** Builds a hand-written contract (ADR 0003) with its manifest. */
export function contract(
  js: string,
  spec: {
    methods?: Record<string, Params>;
    views?: Record<string, Params>;
    reentrant?: boolean;
    init?: Params;
    migrate?: Params;
    prices?: Record<string, number>;
  },
): ContractCode {
  const methods: ManifestMethod[] = [
    ...Object.entries(spec.methods ?? {}).map(([name, p]) => ({
      name,
      kind: "method" as const,
      params: params(p),
    })),
    ...Object.entries(spec.views ?? {}).map(([name, p]) => ({
      name,
      kind: "view" as const,
      params: params(p),
    })),
  ];
  for (const m of methods) {
    const price = spec.prices?.[m.name];
    if (price !== undefined) m.price = price;
  }
  return {
    js,
    manifest: {
      methods,
      reentrant: spec.reentrant ?? false,
      ...(spec.init === undefined ? {} : { init: { params: params(spec.init) } }),
      ...(spec.migrate === undefined ? {} : { migrate: { params: params(spec.migrate) } }),
    },
  };
}

/** A counter with a view, an event, a failing method and a method that changes state then throws. */
export const COUNTER = contract(
  `module.exports = { default: {
    init: (ctx, start) => ({ count: start === undefined ? 0 : start }),
    methods: {
      inc(ctx, by) { ctx.state.count += by; ctx.emit("inc", { by: by, caller: ctx.caller }); return ctx.state.count; },
      fail(ctx, code, message) { ctx.state.count = -1; ctx.fail(code, message); },
      crash(ctx) { ctx.state.count = -2; throw new Error("crashed on purpose"); },
      spin(ctx) { for (;;) {} },
    },
    views: {
      get: (ctx) => ctx.state.count,
      sneaky(ctx) { ctx.state.count = 99; return 1; },
      sneakyTransfer(ctx, to) { ctx.transfer(to, 1); return 1; },
    },
  } };`,
  {
    methods: {
      inc: [{ name: "by", type: "number", schema: { type: "integer" } }],
      fail: 2,
      crash: 0,
      spin: 0,
    },
    views: { get: 0, sneaky: 0, sneakyTransfer: 1 },
    init: [{ name: "start", type: "number", optional: true }],
  },
);

/**
 * One link of a call chain: records a hit, emits, optionally pays, then calls the next link
 * (catching or rethrowing its failure) or throws.
 */
export const LINK_JS = `module.exports = { default: {
  methods: {
    run(ctx, plan) {
      ctx.state.hits = (ctx.state.hits || 0) + 1;
      ctx.emit("hit", { by: ctx.caller });
      if (plan.pay) ctx.transfer(plan.pay.to, plan.pay.amount);
      if (plan.write) ctx.write(plan.write, { from: ctx.self });
      if (plan.throw) throw new Error("boom at " + ctx.self);
      if (!plan.next) return ctx.self;
      if (plan.mode === "catch") {
        var env = ctx.invoke(plan.next.target, "run", plan.next.plan);
        return { caught: env.success ? null : env.error.code, path: env.success ? null : env.error.path };
      }
      return ctx.call(plan.next.target, "run", plan.next.plan);
    },
    down(ctx, n) { return n <= 0 ? ctx.self : ctx.call(ctx.self, "down", n - 1); },
  },
  views: { hits: (ctx) => ctx.state.hits || 0 },
} };`;

/** LINK_JS, not reentrant. */
export const LINK = contract(LINK_JS, { methods: { run: 1, down: 1 }, views: { hits: 0 } });
/** LINK_JS, declared reentrant. */
export const REENTRANT_LINK = contract(LINK_JS, {
  methods: { run: 1, down: 1 },
  views: { hits: 0 },
  reentrant: true,
});

/** A gate admitting the ids in its state. */
export const GATE = contract(
  `module.exports = { default: {
    init: (ctx, allowed) => ({ allowed: allowed }),
    methods: { allow(ctx, id) { ctx.state.allowed.push(id); } },
    views: { check: (ctx, caller, action, method) => ctx.state.allowed.indexOf(caller) >= 0 },
  } };`,
  { methods: { allow: 1 }, views: { check: 3 }, init: 1 },
);

/** A gatekeeper: reads a protected artifact as itself and hands it to members only. */
export const KEEPER = contract(
  `module.exports = { default: {
    init: (ctx, target, members) => ({ target: target, members: members }),
    methods: {
      request(ctx) {
        if (ctx.state.members.indexOf(ctx.caller) < 0) ctx.fail("not_authorized", ctx.caller + " is not a member");
        return ctx.read(ctx.state.target);
      },
      relay(ctx, target, method, args) { return ctx.invoke.apply(null, [target, method].concat(args)); },
    },
  } };`,
  { methods: { request: 0, relay: 3 }, init: 2 },
);

/** A paid service with tiered prices that counts calls and emits. */
export const SERVICE = contract(
  `module.exports = { default: {
    methods: {
      basic(ctx) { ctx.state.calls = (ctx.state.calls || 0) + 1; ctx.emit("served", { tier: "basic" }); return ctx.state.calls; },
      premium(ctx) { ctx.state.calls = (ctx.state.calls || 0) + 1; ctx.emit("served", { tier: "premium" }); return "premium"; },
      pool(ctx) { return { value: ctx.value, balance: ctx.balance() }; },
    },
    views: { calls: (ctx) => ctx.state.calls || 0 },
  } };`,
  { methods: { basic: 0, premium: 0, pool: 0 }, views: { calls: 0 }, prices: { premium: 20 } },
);

/** Contracts trying to move scrip that is not theirs. */
export const THIEF = contract(
  `module.exports = { default: {
    methods: {
      viaLedger(ctx, victim, amount) { return ctx.invoke("genesis_ledger", "transfer", ctx.origin, amount); },
      takeOwnership(ctx, id) { ctx.transferOwnership(id, ctx.self); },
      forward(ctx, target, method, args, value) {
        return ctx.invoke.apply(null, [target, method].concat(args, [{ __ecologyOptions: true, value: value }]));
      },
      rnd(ctx) { return [ctx.random(), ctx.random(), ctx.now]; },
    },
  } };`,
  { methods: { viaLedger: 2, takeOwnership: 1, forward: 4, rnd: 0 } },
);

let shared: Promise<Runtime> | undefined;

/** One runtime per test file: loading QuickJS is the slow part of creating a kernel. */
export function sharedRuntime(): Promise<Runtime> {
  shared ??= createRuntime();
  return shared;
}

/** An in-memory kernel on the shared runtime with a fixed clock. */
export async function testKernel(options: KernelOptions = {}): Promise<Kernel> {
  return createKernel({
    clock: () => 1_700_000_000_000,
    runtime: await sharedRuntime(),
    ...options,
  });
}

/** Deploys or fails the test. */
export function mustDeploy(
  k: Kernel,
  owner: string,
  id: string,
  code: ContractCode,
  args: JsonValue[] = [],
  policy = {},
): string {
  const env = k.deploy(owner, { id, code, args, policy });
  if (!env.success) throw new Error(`deploy ${id} failed: ${env.error.code} ${env.error.message}`);
  return env.result.id;
}

/** Everything observable except the event log: for "changes nothing" assertions. */
export function fingerprint(k: Kernel): string {
  const artifacts = k.query("artifacts", { limit: 1000 });
  const listings = k.query("listings", { limit: 1000 });
  return JSON.stringify({
    balances: k.balances(),
    minted: k.totalMinted(),
    artifacts,
    listings,
    states: statesOf(k, artifacts),
  });
}

function statesOf(k: Kernel, env: ReturnType<Kernel["query"]>): JsonValue[] {
  if (!env.success || !Array.isArray(env.result)) return [];
  return env.result.map((a) => {
    const full = k.getArtifact((a as { id: string }).id);
    return [full?.state ?? null, full?.content ?? null];
  });
}

/** The events that are not `invoke.failed` (the only trace a failed call may leave). */
export function nonFailureEventCount(k: Kernel): number {
  let n = 0;
  let after = 0;
  for (;;) {
    const env = k.events({ after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    n += env.result.events.filter((e) => e.type !== "invoke.failed").length;
    if (env.result.next === null) return n;
    after = env.result.next;
  }
}

/** Every journal record of a kernel, oldest first. */
export function allJournal(k: Kernel): JournalRecord[] {
  const out: JournalRecord[] = [];
  let after = 0;
  for (;;) {
    const env = k.journal({ after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    out.push(...env.result.records);
    if (env.result.next === null) return out;
    after = env.result.next;
  }
}

/**
 * How many random cases a property test runs: `n` on SQLite; a tenth (at least 5) in the
 * PostgreSQL test project, where every case opens a schema and each transaction waits on the
 * database (the same properties, fewer samples; see the kernel README).
 */
export function fuzzRuns(n: number): number {
  return process.env.ECOLOGY_KERNEL_TEST_STORAGE === "postgres"
    ? Math.max(5, Math.ceil(n / 10))
    : n;
}
