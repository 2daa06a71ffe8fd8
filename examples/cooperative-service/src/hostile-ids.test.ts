import { createTestKernel, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

// Names on Object.prototype are valid ids ([A-Za-z0-9_.:-]{1,128}); every state map of the
// cooperative (pool contributions, usage counts, threshold proposals) must treat them as
// ordinary keys, persisted across transactions.
const BUILT_IN_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "isPrototypeOf",
  "__lookupGetter__",
];
const TAKEN = new Set(["coop", "customer"]);
const anyId = fc
  .oneof(
    fc.constantFrom(...BUILT_IN_NAMES),
    fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/),
    fc.stringMatching(/^[_a-z]{1,12}$/),
  )
  // Ids made only of dots are not valid (they would name token files "." and "..").
  .filter((id) => !TAKEN.has(id) && !id.startsWith("genesis_") && !/^\.+$/.test(id));

let k: TestKernel;
let fresh: ReturnType<TestKernel["snapshot"]>;

beforeAll(async () => {
  k = await createTestKernel();
  k.principals({ ana: 100, customer: 100 });
  // Price 5, one approval needed so that a single member can pass a proposal.
  await k.deploy("./src/cooperative.ts", { owner: "ana", id: "coop", args: [5, 1] });
  fresh = k.snapshot();
});

describe("cooperative members and consumers with any valid id", () => {
  it("join, serve, rate, vote, share revenue and withdraw exactly their own", () => {
    const run = fc.uniqueArray(anyId, { minLength: 1, maxLength: 3 });
    const amounts = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(run, amounts, (ids, put) => {
        k.restore(fresh);
        const members = ids.map((id) => k.principal(id, { scrip: 100 }));
        members.forEach((m, i) => {
          expect(m.invoke("coop", "join", [], { value: put[i] })).toSucceed();
        });
        const [first, consumer] = [ids[0], members[0]];
        if (first === undefined || consumer === undefined) throw new Error("no member");
        // The first member is also a consumer: its usage count lives under its own id.
        expect(consumer.invoke("coop", "use", ["q"], { value: 5 })).toSucceed();
        expect(consumer.invoke("coop", "use", ["q"], { value: 5 })).toSucceed();
        expect(consumer.invoke("coop", "rate", [first, true])).toSucceed();
        const status = consumer.invoke("coop", "status");
        expect(status).toHaveProperty("result.members", [...ids].sort());
        expect(status).toHaveProperty("result.uses", 2);
        const payout = { kind: "custom", name: "payout", data: { to: first, amount: 1 } };
        expect(consumer.invoke("coop", "propose", ["tip", payout])).toSucceed();
        expect(consumer.invoke("coop", "approve", [1])).toHaveProperty("result.status", "executed");
        expect(consumer.invoke("coop", "distribute")).toHaveProperty("result.distributed", 9);
        members.forEach((m, i) => {
          expect(m.invoke("coop", "withdraw")).toHaveProperty("result.amount", put[i]);
          expect(m.invoke("coop", "withdraw")).toFailWith("not_authorized");
        });
        expect(k.balance("coop")).toBe(0);
        expect(members.reduce((sum, m) => sum + m.balance(), 0)).toBe(100 * members.length);
      }),
      { numRuns: 40 },
    );
  });
});
