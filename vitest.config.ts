import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * One root configuration covering every workspace package: each package is a vitest project
 * named after its package name, so `vitest run --project @ecology/kernel` runs one package.
 * `*.slow.test.ts` files (crash, load and editor tests) run only with ECOLOGY_SLOW=1.
 */
const slow = process.env.ECOLOGY_SLOW === "1";
const include = slow ? ["**/*.slow.test.ts"] : ["**/*.test.ts"];
const exclude = ["**/node_modules/**", "**/dist/**", ...(slow ? [] : ["**/*.slow.test.ts"])];

function workspaceProjects() {
  return ["packages", "apps", "examples"].flatMap((group) =>
    existsSync(group)
      ? readdirSync(group)
          .map((name) => join(group, name))
          .filter((dir) => existsSync(join(dir, "package.json")))
          .map((dir) => {
            const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
            return {
              extends: true as const,
              test: {
                name,
                root: dir,
                include,
                exclude,
                typecheck: {
                  enabled: !slow,
                  include: ["**/*.test-d.ts"],
                  tsconfig: "tsconfig.json",
                },
              },
            };
          })
      : [],
  );
}

/**
 * The kernel suite again on PostgreSQL (ADR 0040): the same files, every default kernel in a
 * fresh schema of ECOLOGY_TEST_DATABASE_URL. Files that are inherently SQLite are left out, each
 * with its reason. Without the URL the project is skipped with a notice, except in CI, where a
 * missing database must fail the run rather than silently test less.
 */
const POSTGRES_EXCLUDED: Record<string, string> = {
  "src/storage/sqlite.test.ts": "tests the SQLite adapter itself",
  "src/storage/undo-cache.test.ts": "a unit test of the caches, no storage",
  "src/snapshot.test.ts": "snapshot bytes are SQLite's capability",
  "src/shared-file.test.ts": "two processes on one SQLite file",
  "src/crash.slow.test.ts": "kill -9 of a process writing an SQLite file",
  "src/built-package.test.ts": "tests the build output, not storage",
  "src/ids.test.ts": "pure id validation, no storage",
  "src/invoke/contract-cache.test.ts":
    "bounds of the in-memory contract cache over 10,000 deploys: minutes of round trips, no storage behaviour",
  "src/invoke/caches.slow.test.ts":
    "bounds of the in-memory contract and program caches over 10,000 deploys: minutes of round trips (266 s on CI), no storage behaviour; code loaded from PostgreSQL into cold caches is postgres-two-process.test.ts's",
  "src/storage/postgres.test.ts":
    "opens its own PostgreSQL economies; it runs once, in the default project",
  "src/storage/postgres-two-process.test.ts":
    "opens its own PostgreSQL economy; it runs once, in the default project",
  "src/storage/pg-listen.test.ts":
    "opens its own PostgreSQL economies and connections; it runs once, in the default project",
};

function postgresProject() {
  const url = process.env.ECOLOGY_TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI === "true")
      throw new Error(
        "CI=true but ECOLOGY_TEST_DATABASE_URL is unset: the postgres tests cannot be skipped in CI",
      );
    // The configuration is evaluated more than once per run; say it once.
    if (process.env.ECOLOGY_PG_NOTICE !== "shown") {
      process.env.ECOLOGY_PG_NOTICE = "shown";
      console.warn(
        "@ecology/kernel (postgres) skipped: set ECOLOGY_TEST_DATABASE_URL (bash .ci/postgres.sh prints it)",
      );
    }
    return [];
  }
  // One id per run, inherited by the test workers: their schemas are named after it.
  process.env.ECOLOGY_PG_TEST_RUN ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;
  return [
    {
      extends: true as const,
      test: {
        name: "@ecology/kernel (postgres)",
        root: "packages/kernel",
        include,
        exclude: [...exclude, ...Object.keys(POSTGRES_EXCLUDED)],
        setupFiles: ["./test/postgres-setup.ts"],
        globalSetup: ["./test/postgres-global.ts"],
      },
    },
  ];
}

/** With ECOLOGY_TEST_JSON=<file>, a JSON report is written too (CI sums them into one line). */
const jsonReport = process.env.ECOLOGY_TEST_JSON;

/** The private bench package (`pnpm bench:report`): its report renderer is tested. */
const benchProject = {
  extends: true as const,
  test: { name: "@ecology/bench", root: "bench", include, exclude },
};

/** The root's own scripts (`pnpm demo`), tested as a project of their own. */
const scriptsProject = {
  extends: true as const,
  test: { name: "scripts", root: "scripts", include, exclude },
};

export default defineConfig({
  test: {
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
    projects: [...workspaceProjects(), ...postgresProject(), benchProject, scriptsProject],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Slow files build and pack the workspace packages themselves (packed-install tests): two
    // at once would rebuild the same dist folders under each other. They run one after another.
    fileParallelism: !slow,
    passWithNoTests: false,
  },
});
