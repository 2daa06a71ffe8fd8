import { existsSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ContractCode } from "@ecology/kernel";
import { type CompileOptions, type CompileResult, compileContract } from "@ecology/sdk/compiler";
import { TestingError } from "./testing-error.js";

/**
 * What `deploy` accepts: a TypeScript file (path or `file:` URL, compiled on the fly) or an
 * already compiled contract (`ContractCode`, for hand-written JavaScript contracts).
 */
export type ContractSource = string | URL | ContractCode;

function isCode(x: unknown): x is ContractCode {
  return typeof x === "object" && x !== null && "js" in x && "manifest" in x;
}

/** Files of the stack that called into the kit (nearest first), to resolve relative paths. */
function callerDirs(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs: string[] = [];
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    const m = /(file:\/\/[^\s)]+|\/[^\s():]+):\d+:\d+\)?$/.exec(line.trim());
    const file = m?.[1]?.startsWith("file:") ? fileURLToPath(m[1]) : m?.[1];
    // Skip the kit's own modules (but not tests living next to them) and dependencies.
    const ownModule = file?.startsWith(here) && !/\.test\.[cm]?[jt]s$/.test(file);
    if (!file || ownModule || file.includes("node_modules")) continue;
    dirs.push(dirname(file));
  }
  return dirs;
}

/** Nearest folder at or above `dir` holding a package.json. */
function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(resolve(d, "package.json"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The absolute file a relative path means: tried against `root` (default: the working
 * directory), then the calling test's folder, then that test's package root — so
 * `"./src/pool.ts"` works from the package folder and from the repository root alike.
 */
function resolveContractPath(path: string, root?: string): string {
  if (isAbsolute(path)) return path;
  const candidates = [resolve(root ?? process.cwd(), path)];
  for (const dir of callerDirs()) {
    candidates.push(resolve(dir, path));
    const pkg = packageRoot(dir);
    if (pkg) candidates.push(resolve(pkg, path));
  }
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}

/** A short, stable name for cost reports: the file's base name, or undefined for code objects. */
export function sourceName(source: ContractSource): string | undefined {
  if (isCode(source)) return undefined;
  const file = source instanceof URL ? fileURLToPath(source) : source;
  return basename(file, extname(file));
}

// Deploys started together (Promise.all over tests or fixtures) share one compile of a file
// instead of racing the compiler cache; settled entries leave, the SDK cache takes over.
const inFlight = new Map<string, Promise<CompileResult>>();

function compileOnce(file: string, options: CompileOptions | undefined): Promise<CompileResult> {
  const key = JSON.stringify([file, options ?? {}]);
  const running = inFlight.get(key);
  if (running) return running;
  const started = compileContract(file, options).finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/**
 * Turns a {@link ContractSource} into kernel code. Files are compiled by `@ecology/sdk`'s
 * compiler, whose results are cached by the content hash of every input file, so deploying the
 * same file in many tests compiles it once.
 *
 * @throws {TestingError} `compile_failed` listing each diagnostic as `file:line:column message`.
 */
export async function loadContract(
  source: ContractSource,
  options: { root?: string; compile?: CompileOptions } = {},
): Promise<ContractCode> {
  if (isCode(source)) return source;
  const file =
    source instanceof URL ? fileURLToPath(source) : resolveContractPath(source, options.root);
  const built = await compileOnce(file, options.compile);
  if (built.ok) return built.code;
  const lines = built.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `  ${d.file ?? file}:${d.line ?? 0}:${d.column ?? 0} ${d.message}`);
  throw new TestingError("compile_failed", `${file} does not compile:\n${lines.join("\n")}`, {
    diagnostics: built.diagnostics,
  });
}
