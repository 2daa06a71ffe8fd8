import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const run = promisify(execFile);

/** The repository root, from this file (scripts/). */
export const REPO_ROOT = resolve(import.meta.dirname, "..");

/** A workspace package that is published: its name and folder. */
export interface PublishedPackage {
  readonly name: string;
  readonly dir: string;
}

/** Every `packages/*` of the repository at `root` that is not private, sorted by folder. */
export function publishedPackages(root: string = REPO_ROOT): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const entry of readdirSync(join(root, "packages")).sort()) {
    const dir = join(root, "packages", entry);
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name: string; private?: boolean };
    if (pkg.private !== true) found.push({ name: pkg.name, dir });
  }
  return found;
}

/** A package as `pnpm pack` wrote it: what a registry would serve. */
export interface PackedPackage {
  readonly name: string;
  readonly tarball: string;
  /** Paths inside the tarball, relative to its `package/` folder. */
  readonly files: readonly string[];
}

/**
 * Packs `dir` into `dest` with `pnpm pack`, which applies `publishConfig` (our `dist` exports)
 * and rewrites `workspace:` ranges, exactly as `pnpm publish` would.
 */
export async function packPackage(dir: string, dest: string): Promise<PackedPackage> {
  const { stdout } = await run("pnpm", ["pack", "--json", "--pack-destination", dest], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as {
    name: string;
    filename: string;
    files: { path: string }[];
  };
  // pnpm prints the path relative to `dir` when `dest` is inside it.
  const tarball = resolve(dir, packed.filename);
  return { name: packed.name, tarball, files: packed.files.map((f) => f.path) };
}

/**
 * Build leftovers that must never ship: `tsc -b` writes declarations and build info under
 * `dist/tsc`, which `"files": ["dist"]` would otherwise publish next to the real build.
 */
const STRAY = [/^dist\/tsc\//, /\.tsbuildinfo$/];

/**
 * Lints one packed package; returns its problems, one line each, [] when clean:
 * stray build files, every publint message (suggestions included, warnings as errors) and
 * arethetypeswrong's problems under its `esm-only` profile — our packages are ESM only
 * (`"type": "module"`, Node ≥ 20), so CommonJS and node10 resolution are not goals.
 */
export async function lintPacked(packed: PackedPackage): Promise<string[]> {
  const stray = packed.files.filter((f) => STRAY.some((re) => re.test(f)));
  const problems: string[] = [];
  if (stray.length > 0) {
    const shown = stray.slice(0, 3).join(", ");
    problems.push(`${stray.length} stray build files (${shown}${stray.length > 3 ? ", …" : ""})`);
  }
  problems.push(...(await publintProblems(packed.tarball)));
  problems.push(...(await attwProblems(packed.tarball)));
  return problems;
}

async function publintProblems(tarball: string): Promise<string[]> {
  const bytes = readFileSync(tarball);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: buffer },
    level: "suggestion",
    strict: true,
  });
  return messages.map(
    (m) => `publint ${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`,
  );
}

/**
 * The resolutions arethetypeswrong's `esm-only` profile ignores: our packages are ESM only, so
 * `require()` (node16 from CJS) and pre-exports resolution (node10) are not goals.
 */
const ESM_ONLY_IGNORES: readonly string[] = ["node10", "node16-cjs"];

/**
 * arethetypeswrong through its core library, which the `attw` CLI wraps: in-process, the
 * TypeScript it bundles loads once for all packages instead of once per package (≈ 1.3 s each).
 * Judges the package alone (no DefinitelyTyped look-up, so no registry request).
 */
async function attwProblems(tarball: string): Promise<string[]> {
  const analysis = await checkPackage(createPackageFromTarballData(readFileSync(tarball)));
  if (!analysis.types) return ["attw: the package ships no types"];
  return analysis.problems
    .filter((p) => !("resolutionKind" in p) || !ESM_ONLY_IGNORES.includes(p.resolutionKind))
    .map((p) => {
      const where = "entrypoint" in p ? ` at "${p.entrypoint}"` : "";
      const how = "resolutionKind" in p ? ` (${p.resolutionKind})` : "";
      const files = "typesFileName" in p ? ` (${p.typesFileName})` : "";
      return `attw ${p.kind}${where}${how}${files}`;
    });
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of `items`. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
