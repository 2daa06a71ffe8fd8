// Global setup of the `@ecology/kernel (postgres)` test project: after the run, drops the
// schemas of this run that a test left behind (kernels never closed), so the shared test
// database does not fill up. Other runs' schemas (other worktrees, CI jobs) are left alone.
import pg from "pg";

export async function teardown(): Promise<void> {
  const url = process.env.ECOLOGY_TEST_DATABASE_URL;
  const run = process.env.ECOLOGY_PG_TEST_RUN;
  if (!url || !run) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)",
      [`kt_${run}_`],
    );
    for (const { nspname } of rows as { nspname: string }[])
      await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}
