import { execFileSync } from "node:child_process";
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
  if (!TEST_DATABASE_URL) throw new Error("ECOLOGY_TEST_DATABASE_URL is not set");
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("schema", `t_${label}_${randomBytes(5).toString("hex")}`);
  return url.toString();
}

/** Drops the schema a {@link freshSchemaUrl} names, with `psql`. */
export function dropSchema(url: string): void {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (!schema || !/^[a-z0-9_]+$/.test(schema)) return;
  parsed.searchParams.delete("schema");
  execFileSync("psql", [parsed.toString(), "-qc", `DROP SCHEMA IF EXISTS ${schema} CASCADE`], {
    stdio: "ignore",
  });
}
