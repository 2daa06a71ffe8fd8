import fc from "fast-check";
import type { Kernel } from "../kernel.js";
import type { JsonValue, KernelEvent } from "../types.js";
import { COUNTER, contract, LINK, mustDeploy, THIEF, testKernel } from "./contracts.js";
import { poolContract } from "./pool.js";

/**
 * Random histories over a fixed cast (principals, documents, a counter, a chain of links, a pool,
 * escrow, upgrades, randomness): the replay tests and the group-commit tests run the same ones.
 */
const P = ["p0", "p1", "p2", "p3"];
const D = ["d0", "d1", "d2"];
const who = fc.constantFrom(...P);
const doc = fc.constantFrom(...D);
const small = fc.integer({ min: 0, max: 40 });

export const COUNTER_V2 = contract(
  `module.exports = { default: {
    migrate(ctx, k) { return { count: ctx.state.count * k }; },
    methods: { inc(ctx, by) { ctx.state.count += 2 * by; return ctx.state.count; } },
  } };`,
  { methods: { inc: 1 }, migrate: 1 },
);

/** One step of a random history, applied by {@link apply}. */
export const step = fc.oneof(
  fc.tuple(fc.constant("principal"), who, small),
  fc.tuple(fc.constant("mint"), who, small),
  fc.tuple(fc.constant("write"), who, doc, fc.jsonValue({ maxDepth: 2 }), fc.boolean()),
  fc.tuple(fc.constant("read"), who, doc),
  fc.tuple(fc.constant("policy"), who, doc, small),
  fc.tuple(fc.constant("give"), who, doc, who),
  fc.tuple(fc.constant("delete"), who, doc),
  fc.tuple(fc.constant("inc"), who, fc.constantFrom("inc", "fail", "crash"), small),
  fc.tuple(fc.constant("chain"), who, fc.boolean(), fc.boolean(), small),
  fc.tuple(fc.constant("deposit"), who, doc, small),
  fc.tuple(fc.constant("purchase"), who, doc),
  fc.tuple(fc.constant("cancel"), who, doc),
  fc.tuple(fc.constant("join"), who, small),
  fc.tuple(fc.constant("distribute"), who, small),
  fc.tuple(fc.constant("upgrade"), who, fc.integer({ min: 1, max: 3 })),
  fc.tuple(fc.constant("random"), who),
);
export type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

export function apply(k: Kernel, s: Step): void {
  const [kind, p] = s;
  switch (s[0]) {
    case "principal":
      k.createPrincipal(p, { scrip: s[2] });
      return;
    case "mint":
      k.mint(p, s[2]);
      return;
    case "write":
      k.write(p, s[2], s[3] as JsonValue, s[4] ? { policy: { allowRead: [p] } } : {});
      return;
    case "read":
      k.read(p, s[2]);
      return;
    case "policy":
      k.setPolicy(p, s[2], { readPrice: s[3] });
      return;
    case "give":
      k.transferOwnership(p, s[2], s[3]);
      return;
    case "delete":
      k.delete(p, s[2]);
      return;
    case "inc":
      k.invoke(p, "counter", s[2], s[2] === "fail" ? ["invalid_state", "no"] : [s[3]]);
      return;
    case "chain": {
      const inner = { throw: s[3], pay: s[4] > 0 ? { to: p, amount: 1 } : undefined };
      const plan = { mode: s[2] ? "catch" : "call", next: { target: "b", plan: inner } };
      k.invoke(p, "a", "run", [plan as unknown as JsonValue]);
      return;
    }
    case "deposit":
      k.invoke(p, "genesis_escrow", "deposit", [s[2], s[3]]);
      return;
    case "purchase":
      k.invoke(p, "genesis_escrow", "purchase", [s[2]]);
      return;
    case "cancel":
      k.invoke(p, "genesis_escrow", "cancel", [s[2]]);
      return;
    case "join":
      k.invoke(p, "pool", "join", [], { value: s[2] });
      return;
    case "distribute":
      k.invoke(p, "pool", "distribute", [s[2]]);
      return;
    case "upgrade":
      k.upgrade(p, "counter", { code: COUNTER_V2, args: [s[2]] });
      return;
    case "random":
      k.invoke(p, "rnd", "rnd", []);
      return;
    default:
      throw new Error(`unknown step ${kind}`);
  }
}

/** A kernel whose clock moves 1 ms per read, with the fixed cast of every history. */
export async function stage(): Promise<Kernel> {
  let now = 1_700_000_000_000;
  const k = await testKernel({ clock: () => now++ });
  k.createPrincipal("p0", { scrip: 500 });
  k.createPrincipal("p1", { scrip: 100 });
  mustDeploy(k, "p0", "counter", COUNTER, [1], { upgradable: true });
  mustDeploy(k, "p0", "a", LINK);
  mustDeploy(k, "p0", "b", LINK);
  mustDeploy(k, "p0", "pool", poolContract("floor"));
  mustDeploy(k, "p0", "rnd", THIEF);
  return k;
}

export function allEvents(k: Kernel): KernelEvent[] {
  const out: KernelEvent[] = [];
  for (let after = 0; ; ) {
    const env = k.events({ after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    out.push(...env.result.events);
    if (env.result.next === null) return out;
    after = env.result.next;
  }
}
