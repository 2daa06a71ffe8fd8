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
    projects: [...workspaceProjects(), benchProject, scriptsProject],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Slow files build and pack the workspace packages themselves (packed-install tests): two
    // at once would rebuild the same dist folders under each other. They run one after another.
    fileParallelism: !slow,
    passWithNoTests: false,
  },
});
