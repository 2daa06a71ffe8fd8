import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { runInThisContext } from "node:vm";
import { build, type Message, type Plugin } from "esbuild";
import * as authoring from "./authoring.js";
import { SimulateError } from "./simulate-error.js";

const SELF = /^@ecology\/simulate$/;

/** Leaves `@ecology/simulate` to the loader, so a scenario shares this very module instance. */
const selfExternal: Plugin = {
  name: "ecology-simulate-self",
  setup(b) {
    b.onResolve({ filter: SELF }, (args) => ({ path: args.path, external: true }));
  },
};

function describeMessage(m: Message): string {
  const at = m.location
    ? `${relative(process.cwd(), m.location.file) || m.location.file}:${m.location.line}:${m.location.column + 1}: `
    : "";
  return `${at}${m.text}`;
}

async function bundle(file: string): Promise<string> {
  try {
    const out = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      logLevel: "silent",
      plugins: [selfExternal],
    });
    return out.outputFiles[0]?.text ?? "";
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors ?? [];
    const detail = errors.length > 0 ? errors.map(describeMessage).join("\n") : String(e);
    throw new SimulateError("scenario_invalid", `${file} does not bundle:\n${detail}`, {
      cause: e,
    });
  }
}

/**
 * Loads a TypeScript (or JavaScript) module — a scenario or a persona — and returns its
 * exports. esbuild bundles it with what it imports into one CommonJS program in memory, which
 * runs in this process: no temporary file, no loader hook, and `@ecology/simulate` resolves to
 * the running package's authoring API (`authoring.ts`: the same instances in the CLI, in tests
 * and under tsx). Node
 * built-ins are required normally. Top-level `await` is not available (CommonJS).
 *
 * @throws {SimulateError} `scenario_invalid` when the file is missing, does not bundle, or
 * throws while it loads.
 */
export async function loadModule(file: string): Promise<{ [name: string]: unknown }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new SimulateError("scenario_invalid", `no such file: ${file}`);
  const code = await bundle(path);
  const nodeRequire = createRequire(path);
  const load = (spec: string): unknown => (SELF.test(spec) ? authoring : nodeRequire(spec));
  const module = { exports: {} as { [name: string]: unknown } };
  try {
    const wrapped = runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${code}\n})`,
      { filename: path },
    ) as (...args: unknown[]) => void;
    wrapped(module.exports, load, module, path, dirname(path));
  } catch (e) {
    throw new SimulateError("scenario_invalid", `${file} threw while loading: ${String(e)}`, {
      cause: e,
    });
  }
  return module.exports;
}

/** The default export of a loaded module, or a coded error naming what was expected. */
export async function loadDefault(file: string, what: string): Promise<unknown> {
  const exports = await loadModule(file);
  if (!("default" in exports) || exports.default === undefined)
    throw new SimulateError("scenario_invalid", `${file} must default-export ${what}`);
  return exports.default;
}
