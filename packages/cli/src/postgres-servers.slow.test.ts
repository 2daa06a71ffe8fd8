import type { EcologyClient, Envelope, JsonValue } from "@ecology/protocol";
import { afterEach, expect, it } from "vitest";
import {
  describePostgres,
  dropSchema,
  freshSchemaUrl,
  type LockWaitSample,
  sampleLockWaits,
} from "./test-fixtures/postgres.js";
import {
  type Acknowledged,
  acknowledged,
  checkInvariants,
  deployContracts,
  listItems,
  note,
  type SharedEconomy,
  startSharedEconomy,
} from "./test-fixtures/shared-economy.js";

// The done-when test of DESIGN.md §13: three `ecology dev` processes on one PostgreSQL, clients
// spread over them, random paying invokes, escrow trades and pool joins/withdrawals.
const CLIENTS = 9;
const OPS_PER_CLIENT = 45;
const LISTINGS = 24;
const clientIds = Array.from({ length: CLIENTS }, (_, i) => `client${i}`);

let economy: SharedEconomy | undefined;

afterEach(async () => {
  if (!economy) return;
  await Promise.all(economy.servers.map((s) => s.stop().catch(() => null)));
  dropSchema(economy.database);
  economy = undefined;
});

/** A small seeded generator (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One random operation: a paying invoke, a purchase of a shared listing, a pool join or withdrawal. */
async function randomOp(
  client: EcologyClient,
  who: string,
  listings: string[],
  next: () => number,
  seen: Acknowledged,
  tag: string,
): Promise<Envelope<JsonValue>> {
  const roll = next();
  if (roll < 0.45)
    return client.call("invoke", { target: "recorder", method: "record", args: [tag] });
  if (roll < 0.7) {
    const id = listings[Math.floor(next() * listings.length)] ?? "";
    const bought = await client.call("invoke", {
      target: "genesis_escrow",
      method: "purchase",
      args: [id],
    });
    if (bought.success) seen.purchases.push({ id, buyer: who });
    return bought;
  }
  if (roll < 0.88) {
    const value = 1 + Math.floor(next() * 20);
    return client.call("invoke", { target: "pool", method: "join", args: [], value });
  }
  return client.call("invoke", { target: "pool", method: "withdraw", args: [] });
}

/** Whether the answer is a refusal before the method ran because the server is gone. */
const serverGone = (envelope: Envelope<JsonValue>) =>
  !envelope.success && envelope.error.details?.rpcError !== undefined;

interface LoadOptions {
  seed: number;
  /** SIGKILL server `killIndex` once this many calls were answered. */
  killAfter?: number;
  killIndex?: number;
}

/** Runs the clients (client i on server i mod 3) to the end, killing a server if asked. */
async function runLoad(shared: SharedEconomy, listings: string[], options: LoadOptions) {
  const seen = acknowledged();
  let killing: Promise<void> | undefined;
  await Promise.all(
    clientIds.map(async (who, c) => {
      const client = shared.client(c, who);
      const next = random(options.seed * 1000 + c);
      for (let i = 0; i < OPS_PER_CLIENT; i++) {
        const envelope = await randomOp(client, who, listings, next, seen, `${who}-${i}`);
        if (serverGone(envelope)) return;
        note(seen, envelope);
        const { killAfter, killIndex } = options;
        if (killAfter !== undefined && seen.calls >= killAfter && killIndex !== undefined)
          killing ??= shared.servers[killIndex]?.kill();
      }
    }),
  );
  await killing;
  return seen;
}

function report(label: string, seen: Acknowledged, locks?: LockWaitSample): void {
  const failures = Object.fromEntries(seen.failures);
  const lockRate = locks && locks.active > 0 ? locks.waitingForLock / locks.active : 0;
  console.log(
    `[postgres ${label}] calls ${seen.calls}, acknowledged events ${seen.events.length}, ` +
      `purchases ${seen.purchases.length}, refusals ${JSON.stringify(failures)}` +
      (locks
        ? `, lock wait: ${locks.waitingForLock}/${locks.active} busy-backend samples (${(lockRate * 100).toFixed(1)}%) over ${locks.samples} samples`
        : ""),
  );
}

describePostgres("three ecology dev servers on one PostgreSQL economy", () => {
  it("keeps every invariant under random concurrent load spread over the servers", async () => {
    economy = await startSharedEconomy(freshSchemaUrl("load"), ["owner", "seller", ...clientIds]);
    await deployContracts(economy);
    const listings = await listItems(economy, "item", LISTINGS);
    const locks = sampleLockWaits(economy.database);
    const seen = await runLoad(economy, listings, { seed: 1 });
    report("random load", seen, await locks.stop());
    expect(seen.calls).toBe(CLIENTS * OPS_PER_CLIENT);
    expect(seen.events.length).toBeGreaterThan(CLIENTS * OPS_PER_CLIENT * 0.5);
    for (const index of [0, 1, 2]) await checkInvariants(economy.client(index, "operator"), seen);
  }, 600_000);

  it("loses no acknowledged transaction when a random server is SIGKILLed mid-load", async () => {
    economy = await startSharedEconomy(freshSchemaUrl("kill"), ["owner", "seller", ...clientIds]);
    await deployContracts(economy);
    const listings = await listItems(economy, "item", LISTINGS);
    const victim = Math.floor(Math.random() * 3);
    const seen = await runLoad(economy, listings, {
      seed: 2,
      killAfter: Math.floor((CLIENTS * OPS_PER_CLIENT) / 3),
      killIndex: victim,
    });
    report(`SIGKILL of server ${victim}`, seen);
    const survivor = (victim + 1) % 3;
    await checkInvariants(economy.client(survivor, "operator"), seen);
  }, 600_000);

  it("stays correct on a hot spot: every client races for the same listing and pays the same pool", async () => {
    economy = await startSharedEconomy(freshSchemaUrl("hot"), ["owner", "seller", ...clientIds]);
    await deployContracts(economy);
    const shared = economy;
    const seen = acknowledged();
    const locks = sampleLockWaits(shared.database);
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const [item] = await listItems(shared, `hot${round}-`, 1, round % 3);
      const answers = await Promise.all(
        clientIds.map(async (who, c) => {
          const client = shared.client(c, who);
          const joined = await client.call("invoke", {
            target: "pool",
            method: "join",
            args: [],
            value: 3,
          });
          note(seen, joined);
          const bought = await client.call("invoke", {
            target: "genesis_escrow",
            method: "purchase",
            args: [item ?? ""],
          });
          note(seen, bought);
          if (bought.success) seen.purchases.push({ id: item ?? "", buyer: who });
          return bought.success;
        }),
      );
      expect(answers.filter(Boolean), `round ${round}: exactly one buyer`).toHaveLength(1);
    }
    const sample = await locks.stop();
    report("hot spot", seen, sample);
    expect(seen.purchases).toHaveLength(rounds);
    expect(seen.failures.get("invalid_state")).toBe(rounds * (CLIENTS - 1));
    await checkInvariants(shared.client(1, "operator"), seen);
  }, 600_000);
});
