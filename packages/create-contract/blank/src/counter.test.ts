import { createTestKernel, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { afterEach, describe, expect, it } from "vitest";

let k: TestKernel | undefined;
afterEach(() => k?.close());

async function setup() {
  const kernel = await createTestKernel();
  k = kernel;
  const alice = kernel.principal("alice", { scrip: 100 });
  const bob = kernel.principal("bob", { scrip: 10 });
  const counter = await kernel.deploy(new URL("./counter.ts", import.meta.url), {
    owner: alice,
    args: [0],
    id: "counter",
  });
  return { k: kernel, alice, bob, counter };
}

describe("counter", () => {
  it("adds to the count and charges the caller the default price", async () => {
    const { k, alice, bob, counter } = await setup();
    expect(() => bob.invoke(counter, "increment", [3])).toChangeBalance(alice, 1);
    expect(bob.invoke(counter, "count")).toSucceed();
    expect(k.state<{ count: number }>(counter)?.count).toBe(3);
  });

  it("emits counted with the new count", async () => {
    const { bob, counter } = await setup();
    expect(bob.invoke(counter, "increment", [2])).toEmit("counted", { by: 2, count: 2 });
  });

  it("refuses a non-positive step and leaves the state untouched", async () => {
    const { k, bob, counter } = await setup();
    expect(bob.invoke(counter, "increment", [0])).toFailWith("invalid_argument");
    expect(k.state<{ count: number }>(counter)?.count).toBe(0);
  });

  it("lets only the owner reset", async () => {
    const { k, alice, bob, counter } = await setup();
    bob.invoke(counter, "increment", [5]);
    expect(bob.invoke(counter, "reset")).toFailWith("not_authorized");
    expect(alice.invoke(counter, "reset")).toSucceed();
    expect(k.state<{ count: number }>(counter)?.count).toBe(0);
  });
});
