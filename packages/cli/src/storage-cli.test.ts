import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describePostgres, dropSchema, freshSchemaUrl } from "./test-fixtures/postgres.js";
import { type CliRun, freshDir, runProcess } from "./test-fixtures/run.js";

/** A refusal as a user sees it: one `error <code>: …` line (plus its hint), exit 1, no stack. */
function expectOneLineError(run: CliRun, code: string): void {
  expect(run.code, run.stdout).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`^error ${code}: `));
  expect(run.stderr).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
}

describe("ecology with a storage it cannot use", () => {
  it("says a database that does not answer is not_found, hides the password, writes nothing", async () => {
    const cwd = freshDir();
    const url = "postgres://eco:s3cret@127.0.0.1:1/eco?schema=shop";
    const run = await runProcess(cwd, "init", "--storage", url);
    expectOneLineError(run, "not_found");
    expect(run.stderr).toContain("postgres://eco:***@127.0.0.1:1/eco");
    expect(run.stderr).not.toContain("s3cret");
    expect(existsSync(join(cwd, ".ecology"))).toBe(false);
  }, 60_000);

  it("refuses a storage that is neither a postgres:// URL nor a path with invalid_argument", async () => {
    const run = await runProcess(freshDir(), "dev", "--port", "0", "--storage", "mysql://db/eco");
    expectOneLineError(run, "invalid_argument");
  }, 60_000);
});

describePostgres("ecology on a PostgreSQL economy", () => {
  const schemas: string[] = [];
  afterAll(() => {
    for (const url of schemas) dropSchema(url);
  });
  const fresh = (label: string) => {
    const url = freshSchemaUrl(label);
    schemas.push(url);
    return url;
  };

  it("records the storage at init; commands there and in a folder using ECOLOGY_DATABASE_URL share it", async () => {
    const database = fresh("cli");
    const home = freshDir();
    expect((await runProcess(home, "init", "--storage", database)).code).toBe(0);
    const config = JSON.parse(readFileSync(join(home, ".ecology", "config.json"), "utf8"));
    expect(config).toEqual({ storage: database });
    expect(existsSync(join(home, ".ecology", "kernel.db"))).toBe(false);
    const created = await runProcess(home, "principal", "create", "alice", "--scrip", "70");
    expect(created.code, created.stderr).toBe(0);

    const other = freshDir();
    const env = { ECOLOGY_DATABASE_URL: database };
    const init = await runWithEnv(other, env, "init");
    expect(init.code, init.stderr).toBe(0);
    const balance = await runWithEnv(other, env, "balance", "alice", "--json");
    expect(balance.code, balance.stderr).toBe(0);
    expect(JSON.parse(balance.stdout)).toBe(70);
  }, 120_000);

  it("takes a URL without a password from PGPASSWORD, and says where a password goes when none is given", async () => {
    const database = fresh("pgpass");
    const url = new URL(database);
    const password = decodeURIComponent(url.password);
    url.password = "";
    const bare = url.toString();
    const home = freshDir();
    const init = await runWithEnv(home, { PGPASSWORD: password }, "init", "--storage", bare);
    expect(init.code, init.stderr).toBe(0);
    // The folder's config holds no secret.
    const config = JSON.parse(readFileSync(join(home, ".ecology", "config.json"), "utf8"));
    expect(new URL(config.storage).password).toBe("");

    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      const run = await runProcess(home, "balance");
      expectOneLineError(run, "not_found");
      expect(run.stderr).toContain(
        "the URL has no password: put it in the URL, in PGPASSWORD or in ~/.pgpass",
      );
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
    const balance = await runWithEnv(home, { PGPASSWORD: password }, "balance", "--json");
    expect(balance.code, balance.stderr).toBe(0);
  }, 120_000);

  it("refuses a schema newer than this CLI with invalid_state", async () => {
    const database = fresh("newer");
    const home = freshDir();
    expect((await runProcess(home, "init", "--storage", database)).code).toBe(0);
    const url = new URL(database);
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    execFileSync("psql", [
      url.toString(),
      "-qc",
      `INSERT INTO ${schema}.schema_version VALUES (999)`,
    ]);
    const run = await runProcess(home, "balance");
    expectOneLineError(run, "invalid_state");
    expect(run.stderr).toContain("newer than this ecology");
  }, 120_000);
});

/** {@link runProcess} with `env` added (the child inherits the rest). */
async function runWithEnv(cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await runProcess(cwd, ...argv);
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
  }
}
