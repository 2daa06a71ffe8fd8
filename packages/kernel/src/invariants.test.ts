import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { fuzzRuns, mustDeploy, SERVICE, THIEF, testKernel } from "./test-fixtures/contracts.js";

const PRINCIPALS = ["p0", "p1", "p2", "p3"];
const IDS = ["d0", "d1", "d2"];

type Op =
  | { op: "transfer"; from: string; to: string; amount: number }
  | { op: "write"; actor: string; id: string }
  | { op: "give"; actor: string; id: string; to: string }
  | { op: "deposit"; actor: string; id: string; price: number }
  | { op: "purchase"; actor: string; id: string }
  | { op: "cancel"; actor: string; id: string }
  | { op: "use"; actor: string }
  | { op: "steal"; actor: string; id: string }
  | { op: "mint"; to: string; amount: number };

const who = fc.constantFrom(...PRINCIPALS);
const id = fc.constantFrom(...IDS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("transfer" as const),
    from: who,
    to: fc.constantFrom(...PRINCIPALS, "svc", "ghost"),
    amount: fc.integer({ min: -5, max: 150 }),
  }),
  fc.record({ op: fc.constant("write" as const), actor: who, id }),
  fc.record({ op: fc.constant("give" as const), actor: who, id, to: who }),
  fc.record({
    op: fc.constant("deposit" as const),
    actor: who,
    id,
    price: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({ op: fc.constant("purchase" as const), actor: who, id }),
  fc.record({ op: fc.constant("cancel" as const), actor: who, id }),
  fc.record({ op: fc.constant("use" as const), actor: who }),
  fc.record({ op: fc.constant("steal" as const), actor: who, id }),
  fc.record({ op: fc.constant("mint" as const), to: who, amount: fc.integer({ min: 1, max: 50 }) }),
);

interface Model {
  owners: Map<string, string>;
  listings: Map<string, { seller: string; price: number }>;
}

/** Applies one op to the kernel and says whether the model expects it to succeed. */
function apply(k: Kernel, m: Model, o: Op): { ok: boolean; expected: boolean } {
  switch (o.op) {
    case "transfer": {
      const expected = o.amount > 0 && o.to !== "ghost" && k.balance(o.from) >= o.amount;
      return {
        ok: k.invoke(o.from, "genesis_ledger", "transfer", [o.to, o.amount]).success,
        expected,
      };
    }
    case "write": {
      const owner = m.owners.get(o.id);
      const expected = owner === undefined || owner === o.actor;
      const ok = k.write(o.actor, o.id, { by: o.actor }).success;
      if (ok && owner === undefined) m.owners.set(o.id, o.actor);
      return { ok, expected };
    }
    case "give": {
      const expected = m.owners.get(o.id) === o.actor;
      const ok = k.transferOwnership(o.actor, o.id, o.to).success;
      if (ok) m.owners.set(o.id, o.to);
      return { ok, expected };
    }
    case "deposit": {
      const expected = m.owners.get(o.id) === o.actor;
      const ok = k.invoke(o.actor, "genesis_escrow", "deposit", [o.id, o.price]).success;
      if (ok) {
        m.owners.set(o.id, "genesis_escrow");
        m.listings.set(o.id, { seller: o.actor, price: o.price });
      }
      return { ok, expected };
    }
    case "purchase": {
      const l = m.listings.get(o.id);
      const expected = l !== undefined && l.seller !== o.actor && k.balance(o.actor) >= l.price;
      const ok = k.invoke(o.actor, "genesis_escrow", "purchase", [o.id]).success;
      if (ok) {
        m.owners.set(o.id, o.actor);
        m.listings.delete(o.id);
      }
      return { ok, expected };
    }
    case "cancel": {
      const l = m.listings.get(o.id);
      const expected = l !== undefined && l.seller === o.actor;
      const ok = k.invoke(o.actor, "genesis_escrow", "cancel", [o.id]).success;
      if (ok && l) {
        m.owners.set(o.id, l.seller);
        m.listings.delete(o.id);
      }
      return { ok, expected };
    }
    case "use": {
      const expected = o.actor === "p0" || k.balance(o.actor) >= 3;
      return { ok: k.invoke(o.actor, "svc", "basic", []).success, expected };
    }
    case "steal":
      return { ok: k.invoke(o.actor, "thief", "takeOwnership", [o.id]).success, expected: false };
    case "mint":
      return { ok: k.mint(o.to, o.amount).success, expected: true };
  }
}

describe("invariants under random operations", () => {
  it("keeps conservation and single ownership after every transaction, refusing every unauthorized op", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 50 }), async (ops) => {
        const k = await testKernel();
        for (const p of PRINCIPALS) k.createPrincipal(p, { scrip: 60 });
        mustDeploy(k, "p0", "svc", SERVICE, [], { invokePrice: 3 });
        mustDeploy(k, "p1", "thief", THIEF);
        const m: Model = { owners: new Map(), listings: new Map() };
        for (const o of ops) {
          const { ok, expected } = apply(k, m, o);
          expect({ o, ok }).toEqual({ o, ok: expected });
          k.checkInvariants();
          const sum = Object.values(k.balances()).reduce((a, b) => a + b, 0);
          expect(sum).toBe(k.totalMinted());
          for (const [artifact, owner] of m.owners)
            expect(k.getArtifact(artifact)?.owner).toBe(owner);
        }
        expect(k.verifyLog()).toMatchObject({ ok: true });
        k.close();
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
