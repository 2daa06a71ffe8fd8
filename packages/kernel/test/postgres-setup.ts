// Setup of the `@ecology/kernel (postgres)` test project: every kernel a test opens without a
// `storage` option gets a fresh schema in the test database, dropped when the kernel closes.
import { randomBytes } from "node:crypto";
import { setDefaultStorage } from "../src/storage/open.js";
import { openPostgresStorage } from "../src/storage/postgres.js";

process.env.ECOLOGY_KERNEL_TEST_STORAGE = "postgres";
const url = process.env.ECOLOGY_TEST_DATABASE_URL;
if (!url) throw new Error("the postgres test project runs only with ECOLOGY_TEST_DATABASE_URL");
const run = process.env.ECOLOGY_PG_TEST_RUN ?? "local";
let made = 0;

setDefaultStorage(() => {
  const schema = `kt_${run}_${process.pid}_${made++}_${randomBytes(3).toString("hex")}`;
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return openPostgresStorage(u.toString(), { dropSchemaOnClose: true, reuseConnection: true });
});
