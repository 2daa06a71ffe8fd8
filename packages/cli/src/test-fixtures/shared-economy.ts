import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createClient,
  type EcologyClient,
  type Envelope,
  type JsonValue,
  type KernelEvent,
} from "@ecology/protocol";
import { expect } from "vitest";
import { RECORDER } from "./recorder.js";
import { type DevProcess, freshDir, runProcess, startDev, startDevWithEnv } from "./run.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The pool of `examples/pool` (joins and withdrawals with scrip attached). */
export const POOL_CONTRACT = join(
  here,
  "..",
  "..",
  "..",
  "..",
  "examples",
  "pool",
  "src",
  "pool.ts",
);

/** Three `ecology dev` servers on one PostgreSQL economy, each run from its own folder. */
export interface SharedEconomy {
  /** The PostgreSQL URL (with its fresh schema). */
  database: string;
  /** Folder A: `ecology init --storage` ran here; principals' token files are written here. */
  home: string;
  servers: DevProcess[];
  /** The token of `name` (`operator` or a principal) from folder A. */
  token(name: string): string;
  /** A client of server `index` acting with `name`'s token. */
  client(index: number, name: string): EcologyClient;
}

/** Listings the seller puts on `genesis_escrow` for the clients to race for. */
export const LISTING_PRICE = 10;
const START_SCRIP = 1_000_000;

/**
 * Initialises folder A on `database` (`ecology init --storage`), then starts three servers:
 * A from its recorded storage, B from another folder with `--storage`, C from a third folder
 * with `ECOLOGY_DATABASE_URL`. Principals are created through A only; everyone else uses the
 * tokens A wrote, on any server.
 */
export async function startSharedEconomy(
  database: string,
  principals: string[],
): Promise<SharedEconomy> {
  const home = freshDir();
  const init = await runProcess(home, "init", "--storage", database);
  expect(init.code, init.stderr).toBe(0);
  const servers = await Promise.all([
    startDev(home),
    startDev(freshDir(), "--storage", database),
    startDevWithEnv(freshDir(), { ECOLOGY_DATABASE_URL: database }),
  ]);
  const token = (name: string) => {
    const file = name === "operator" ? "operator.token" : join("tokens", `${name}.token`);
    return readFileSync(join(home, ".ecology", file), "utf8").trim();
  };
  const client = (index: number, name: string) =>
    createClient({ url: servers[index % servers.length]?.url ?? "", token: token(name) });
  const operator = client(0, "operator");
  for (const id of principals) {
    expect(await operator.call("createPrincipal", { id, scrip: START_SCRIP })).toMatchObject({
      success: true,
    });
  }
  return { database, home, servers, token, client };
}

/** Deploys the recorder (a paying invoke) and the example pool, as `owner`, through server A. */
export async function deployContracts(economy: SharedEconomy): Promise<void> {
  const owner = economy.client(0, "owner");
  const recorder = await owner.call("deploy", {
    id: "recorder",
    code: RECORDER,
    policy: { invokePrice: 1 },
  });
  expect(recorder).toMatchObject({ success: true });
  const url = economy.servers[0]?.url ?? "";
  const deploy = await runProcess(
    economy.home,
    ...["deploy", POOL_CONTRACT, "--as", "owner", "--id", "pool", "--kernel", url],
  );
  expect(deploy.code, deploy.stderr + deploy.stdout).toBe(0);
}

/** Has `seller` write `count` artifacts and list each on `genesis_escrow`, through server `at`. */
export async function listItems(
  economy: SharedEconomy,
  prefix: string,
  count: number,
  at = 0,
): Promise<string[]> {
  const seller = economy.client(at, "seller");
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  for (const id of ids) {
    expect(await seller.call("write", { id, content: { id } })).toMatchObject({ success: true });
    const listed = await seller.call("invoke", {
      target: "genesis_escrow",
      method: "deposit",
      args: [id, LISTING_PRICE],
    });
    expect(listed, JSON.stringify(listed)).toMatchObject({ success: true });
  }
  return ids;
}

/** What the clients saw: every acknowledged envelope's events, and every purchase won. */
export interface Acknowledged {
  events: KernelEvent[];
  purchases: { id: string; buyer: string }[];
  calls: number;
  failures: Map<string, number>;
}

/** An empty {@link Acknowledged}. */
export function acknowledged(): Acknowledged {
  return { events: [], purchases: [], calls: 0, failures: new Map() };
}

/** Records one answer: a success's events count as acknowledged; a failure by its code. */
export function note(seen: Acknowledged, envelope: Envelope<JsonValue>): void {
  seen.calls++;
  if (envelope.success) seen.events.push(...envelope.events);
  else seen.failures.set(envelope.error.code, (seen.failures.get(envelope.error.code) ?? 0) + 1);
}

/** Every event of the log, through `client`. */
export async function readLog(client: EcologyClient): Promise<KernelEvent[]> {
  const out: KernelEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await client.call("events", { after, limit: 1000 });
    if (!page.success) throw new Error(`events failed: ${page.error.message}`);
    out.push(...page.result.events);
    if (page.result.next === null) return out;
    after = page.result.next;
  }
}

/**
 * The invariants of a shared economy, read through `client` (the operator's, on a live server):
 * every acknowledged event is in the log with its seq and hash, scrip is conserved, every
 * artifact has one existing owner, no listing was sold twice (and each winner owns its item),
 * and the hash chain verifies.
 */
export async function checkInvariants(client: EcologyClient, seen: Acknowledged): Promise<void> {
  const log = await readLog(client);
  const bySeq = new Map(log.map((e) => [e.seq, e]));
  const missing = seen.events.filter((e) => bySeq.get(e.seq)?.hash !== e.hash);
  expect(missing, "acknowledged events missing from the log").toEqual([]);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));

  const balances = await client.call("balances", {});
  const minted = await client.call("totalMinted", {});
  if (!balances.success || !minted.success) throw new Error("views failed");
  const sum = Object.values(balances.result).reduce((a, b) => a + b, 0);
  expect(sum, "scrip conserved").toBe(minted.result);

  const sales = log.filter((e) => e.type === "escrow.purchased");
  const soldIds = sales.map((e) => String(e.target));
  expect(new Set(soldIds).size, "no listing sold twice").toBe(soldIds.length);
  for (const { id, buyer } of seen.purchases) {
    const artifact = await client.call("getArtifact", { id });
    expect(artifact, `${id} owned by its one buyer`).toMatchObject({
      success: true,
      result: { owner: buyer },
    });
  }
  await expectSingleOwners(client);
  expect(await client.call("verifyLog", {})).toMatchObject({ success: true, result: { ok: true } });
}

/** Every artifact has exactly one owner, and that owner exists (a principal or an artifact). */
async function expectSingleOwners(client: EcologyClient): Promise<void> {
  const rows = await pages<{ id: string; owner: string }>(client, "artifacts");
  const principals = await pages<{ id: string }>(client, "principals");
  const ids = new Set(rows.map((r) => r.id));
  expect(ids.size, "artifact ids unique").toBe(rows.length);
  const owners = new Set([...ids, ...principals.map((p) => p.id)]);
  const orphans = rows.filter((r) => typeof r.owner !== "string" || !owners.has(r.owner));
  expect(orphans, "artifacts whose owner does not exist").toEqual([]);
}

/** Every row of a discovery query, page by page. */
async function pages<T>(client: EcologyClient, kind: "artifacts" | "principals"): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.call("query", { kind, filters: { limit: 1000, offset } });
    if (!page.success) throw new Error(`query ${kind} failed: ${page.error.message}`);
    const rows = page.result as unknown as T[];
    out.push(...rows);
    if (rows.length < 1000) return out;
  }
}
