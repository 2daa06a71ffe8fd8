import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, it } from "vitest";

/** The test database (`bash .ci/postgres.sh` prints it; CI exports it). */
export const TEST_DATABASE_URL = process.env.ECOLOGY_TEST_DATABASE_URL;

/**
 * `describe` for tests that need a real PostgreSQL: without `ECOLOGY_TEST_DATABASE_URL` they
 * skip with a visible notice, except under `CI=true`, where a missing database is a failure.
 */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("has a PostgreSQL to run against", () => {
        throw new Error(
          "CI=true but ECOLOGY_TEST_DATABASE_URL is not set: run `bash .ci/postgres.sh` and export its URL",
        );
      });
    });
    return;
  }
  console.warn(
    `[postgres] SKIPPED "${name}": set ECOLOGY_TEST_DATABASE_URL (bash .ci/postgres.sh prints it)`,
  );
  describe.skip(name, body);
}

/** The test database URL with a fresh, unique `?schema=` (the kernel creates it on open). */
export function freshSchemaUrl(label: string): string {
  const url = new URL(requireUrl());
  url.searchParams.set("schema", `t_${label}_${randomBytes(5).toString("hex")}`);
  return url.toString();
}

/** The URL without `?schema=`, as `psql` takes it. */
function plainUrl(url: string): string {
  const plain = new URL(url);
  plain.searchParams.delete("schema");
  return plain.toString();
}

function requireUrl(): string {
  if (!TEST_DATABASE_URL) throw new Error("ECOLOGY_TEST_DATABASE_URL is not set");
  return TEST_DATABASE_URL;
}

/** Drops the schema a {@link freshSchemaUrl} names (and everything in it), with `psql`. */
export function dropSchema(url: string): void {
  const schema = new URL(url).searchParams.get("schema");
  if (!schema || !/^[a-z0-9_]+$/.test(schema)) return;
  execFileSync("psql", [plainUrl(url), "-qc", `DROP SCHEMA IF EXISTS ${schema} CASCADE`], {
    stdio: "ignore",
  });
}

/** What {@link sampleLockWaits} saw. */
export interface LockWaitSample {
  /** Samples taken. */
  samples: number;
  /** Backend-samples of this database's sessions running a statement. */
  active: number;
  /** Of those, the ones waiting for a lock (another transaction holds what they need). */
  waitingForLock: number;
}

/**
 * Samples `pg_stat_activity` every `everyMs` through one long-lived `psql`, until the returned
 * `stop` is called: how often the database's busy sessions were waiting for a lock — the
 * contention between servers, measured by PostgreSQL itself.
 */
export function sampleLockWaits(url: string, everyMs = 50): { stop(): Promise<LockWaitSample> } {
  const psql = spawn("psql", [plainUrl(url), "-At", "-F", " "], {
    stdio: ["pipe", "pipe", "ignore"],
  });
  const seen: LockWaitSample = { samples: 0, active: 0, waitingForLock: 0 };
  let text = "";
  psql.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    const lines = text.split("\n");
    text = lines.pop() ?? "";
    for (const line of lines) {
      const [active, waiting] = line.split(" ").map(Number);
      seen.samples++;
      seen.active += active ?? 0;
      seen.waitingForLock += waiting ?? 0;
    }
  });
  const query =
    "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();\n";
  const timer = setInterval(() => psql.stdin.write(query), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return new Promise((resolve) => {
        psql.once("exit", () => resolve(seen));
        psql.stdin.end("\\q\n");
      });
    },
  };
}
