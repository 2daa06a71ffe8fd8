import { createTestKernel, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";

// Valid ids (1–128 of [A-Za-z0-9_.:-]) that are also names on Object.prototype: a state map
// read with `map[id]` finds the inherited function, and `map["__proto__"] = n` changes nothing.
const BUILT_IN_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "isPrototypeOf",
  "__defineGetter__",
];

let k: TestKernel;
let fresh: ReturnType<TestKernel["snapshot"]>;

beforeAll(async () => {
  k = await createTestKernel();
  k.principals({ alice: 100, payer: 100 });
  await k.deploy("./src/pool.ts", { owner: "alice", id: "pool" });
  fresh = k.snapshot();
});

describe("pool members whose ids are built-in property names", () => {
  it.each(BUILT_IN_NAMES)("%s joins, shares revenue and withdraws like anyone", (id) => {
    k.restore(fresh);
    const member = k.principal(id, { scrip: 100 });
    const alice = k.principal("alice");
    expect(member.invoke("pool", "join", [], { value: 30 })).toHaveProperty("result", {
      member: id,
      contribution: 30,
      total: 30,
    });
    expect(member.invoke("pool", "join", [], { value: 10 })).toHaveProperty(
      "result.contribution",
      40,
    );
    expect(alice.invoke("pool", "join", [], { value: 40 })).toSucceed();
    expect(member.invoke("pool", "members")).toHaveProperty("result", ["alice", id].sort());
    expect(k.principal("payer").transfer("pool", 10)).toSucceed();
    expect(member.invoke("pool", "distribute")).toHaveProperty("result.distributed", 10);
    expect(member.invoke("pool", "withdraw")).toHaveProperty("result", { member: id, amount: 40 });
    expect(member.invoke("pool", "withdraw")).toFailWith("not_authorized");
    expect(alice.invoke("pool", "withdraw")).toHaveProperty("result.amount", 40);
    expect([k.balance(id), k.balance("alice"), k.balance("pool")]).toEqual([105, 105, 0]);
  });
});
