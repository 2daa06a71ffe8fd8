// `pnpm lint:packages`: every published package, linted as it would be published.
// Builds them (turbo; cached), packs each with pnpm, then runs publint and arethetypeswrong on
// the tarballs, a few at a time. Exits 1 when any package has a problem.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { lintPacked, mapLimit, packPackage, publishedPackages, REPO_ROOT } from "./package-lint.js";

const started = performance.now();
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const packages = publishedPackages();

const building = performance.now();
const filters = packages.map((p) => `--filter=${p.name}`);
execFileSync(
  join(REPO_ROOT, "node_modules", ".bin", "turbo"),
  ["run", "build", ...filters, "--output-logs=errors-only"],
  { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
);
console.log(`built ${packages.length} packages in ${seconds(building)}`);

const dest = mkdtempSync(join(tmpdir(), "ecology-packed-"));
let failed = 0;
try {
  // pnpm packs in child processes while publint and arethetypeswrong run here: one package per
  // core overlaps the two and keeps both cores busy.
  await mapLimit(packages, availableParallelism(), async ({ name, dir }) => {
    const problems = await lintPacked(await packPackage(dir, dest));
    if (problems.length > 0) failed += 1;
    console.log(
      problems.length === 0 ? `  ✓ ${name}` : `  ✗ ${name}\n    ${problems.join("\n    ")}`,
    );
  });
} finally {
  rmSync(dest, { recursive: true, force: true });
}
const clean = packages.length - failed;
console.log(
  `${packages.length} packages packed and linted (publint; arethetypeswrong, esm-only profile) in ` +
    `${seconds(started)}: ${clean} clean, ${failed} with problems`,
);
process.exit(failed > 0 ? 1 : 0);
