import { createTestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { expect, it } from "vitest";

it("pays differently only where version 2 rounds differently, then upgrades", async () => {
  const k = await createTestKernel();
  const { alice, bob, customer } = k.principals({ alice: 100, bob: 100, customer: 100 });
  await k.deploy("./src/pool.ts", { owner: alice, id: "pool", policy: { upgradable: true } });
  alice.invoke("pool", "join", [], { value: 20 });
  bob.invoke("pool", "join", [], { value: 10 });
  customer.invoke("genesis_ledger", "transfer", ["pool", 10]);
  alice.invoke("pool", "distribute");

  // The same history, with version 2 as the pool's code from its deploy on.
  const report = await k.replay({ with: { pool: "./src/pool-v2.ts" } });
  const paying = report.divergences.filter((d) => d.aspects.includes("scrip"));
  expect(paying.map((d) => d.call)).toEqual(["pool.distribute"]);

  // Then the real thing: version 2 over version 1, its migrate given the count so far.
  expect(await k.upgrade(alice, "pool", "./src/pool-v2.ts", [1])).toSucceed();
  expect(k.state("pool")).toMatchObject({ distributions: 1 });
});
