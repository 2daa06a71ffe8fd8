import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { fuzzRuns, mustDeploy, SERVICE, THIEF, testKernel } from "../test-fixtures/contracts.js";
import type { Envelope, GrantCaller, JsonValue } from "../types.js";

const dir = mkdtempSync(join(tmpdir(), "ecology-grants-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One call under the grant: which kernel instance runs it, what it does, how much. */
const call = fc.record({
  via: fc.integer({ min: 0, max: 1 }),
  kind: fc.constantFrom("premium", "basic", "pool", "transfer", "forward", "purchase", "read"),
  amount: fc.integer({ min: 0, max: 40 }),
  confirmed: fc.boolean(),
});
type Call = typeof call extends fc.Arbitrary<infer C> ? C : never;

const limits = fc.record({
  spend: fc.integer({ min: 0, max: 150 }),
  perCall: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  confirmAbove: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
});

function run(k: Kernel, g: GrantCaller, c: Call, item: number): Envelope {
  const as = c.confirmed ? { ...g, confirmed: true } : g;
  const args: { [kind: string]: () => Envelope } = {
    premium: () => k.invoke(as, "svc", "premium"),
    basic: () => k.invoke(as, "svc", "basic"),
    pool: () => k.invoke(as, "svc", "pool", [], { value: c.amount }),
    transfer: () => k.invoke(as, "genesis_ledger", "transfer", ["bob", c.amount]),
    // alice pays the value to thief, which forwards it on to svc.pool: a nested call.
    forward: () =>
      k.invoke(as, "thief", "forward", ["svc", "pool", [] as JsonValue, c.amount], {
        value: c.amount,
      }),
    purchase: () => k.invoke(as, "genesis_escrow", "purchase", [`item${item % 4}`]),
    read: () => k.read(as, "paper"),
  };
  return (args[c.kind] as () => Envelope)();
}

/** Scrip that left alice's wallet in a successful call's events. */
function debits(env: Envelope): number {
  if (!env.success) return 0;
  let n = 0;
  for (const e of env.events)
    if (e.type === "scrip.transferred" && (e.data as { from?: string }).from === "alice")
      n += (e.data as { amount: number }).amount;
  return n;
}

describe("one grant used through two kernels on one file", () => {
  it("never moves more than spend, nor more than perCall in one call", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        limits,
        fc.array(call, { minLength: 1, maxLength: 30 }),
        async (l, calls) => {
          const file = join(dir, `shared-${round++}.db`);
          const one = await testKernel({ storage: file });
          const two = await testKernel({ storage: file });
          try {
            one.createPrincipal("alice", { scrip: 1000 });
            one.createPrincipal("bob", { scrip: 0 });
            mustDeploy(one, "bob", "svc", SERVICE);
            mustDeploy(one, "bob", "thief", THIEF);
            one.write("bob", "paper", { p: 1 }, { policy: { readPrice: 7 } });
            for (let i = 0; i < 4; i++) {
              one.write("bob", `item${i}`, i);
              one.invoke("bob", "genesis_escrow", "deposit", [`item${i}`, 5 + 9 * i]);
            }
            const created = two.createGrant("alice", l);
            if (!created.success) throw new Error(created.error.message);
            const g = { principal: "alice", grant: created.result.grant.id };
            let moved = 0;
            calls.forEach((c, i) => {
              const env = run(c.via === 0 ? one : two, g, c, i);
              const d = debits(env);
              if (l.perCall !== undefined) expect(d).toBeLessThanOrEqual(l.perCall);
              if (l.confirmAbove !== undefined && !c.confirmed)
                expect(d).toBeLessThanOrEqual(l.confirmAbove);
              moved += d;
            });
            const listed = one.listGrants("alice");
            const spent = listed.success ? listed.result[0]?.spent : -1;
            expect(spent).toBe(moved);
            expect(moved).toBeLessThanOrEqual(l.spend);
            expect(1000 - two.balance("alice")).toBe(moved);
            one.checkInvariants();
            two.checkInvariants();
          } finally {
            one.close();
            two.close();
          }
        },
      ),
      { numRuns: fuzzRuns(30) },
    );
  }, 300_000);
});
