import { parseArgs } from "node:util";
import { isTemplateName, TEMPLATE_NAMES, type TemplateName } from "./catalog.js";
import { isPackageManager, type PackageManager } from "./package-manager.js";

/** Command-line options; `undefined` means "not given" (prompted for, or defaulted). */
export interface CliOptions {
  readonly dir?: string;
  readonly template?: TemplateName;
  readonly packageManager?: PackageManager;
  /** false with `--no-install`. */
  readonly install?: boolean;
  readonly yes: boolean;
  readonly force: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** Parsed options, or a usage error to print. */
export type ParseResult =
  | { readonly ok: true; readonly options: CliOptions }
  | { readonly ok: false; readonly message: string };

/** The `--help` text. */
export const USAGE = `Usage: create-contract [dir] [options]

Creates an Ecology contract project: a contract, its tests, and scripts to build, deploy and serve it.

Options:
  -t, --template <name>          ${TEMPLATE_NAMES.join(" | ")}
  -p, --package-manager <pm>     npm | pnpm (default: the one running this command)
      --no-install               write the files, skip installing dependencies
  -y, --yes                      no prompts: defaults for anything not given
  -f, --force                    write into a non-empty directory
  -h, --help                     show this help
  -v, --version                  print the version

Examples:
  npm create @ecology/contract
  npx @ecology/create-contract my-pool --template pool --yes
  pnpm create @ecology/contract my-service -t cooperative-service -p pnpm
`;

/**
 * Parses `argv` (without node and script). Never throws: unknown flags, a bad template or
 * package manager, and extra positionals come back as `{ ok: false, message }`.
 *
 * @example
 * ```ts
 * parseOptions(["my-pool", "--template", "pool", "--yes"]);
 * // { ok: true, options: { dir: "my-pool", template: "pool", yes: true, ... } }
 * ```
 */
export function parseOptions(argv: readonly string[]): ParseResult {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    return { ok: false, message: `expected one directory, got ${positionals.join(" ")}` };
  }
  const template = values.template;
  if (template !== undefined && !isTemplateName(template)) {
    return {
      ok: false,
      message: `unknown template "${template}"; choose one of ${TEMPLATE_NAMES.join(", ")}`,
    };
  }
  const pm = values["package-manager"];
  if (pm !== undefined && !isPackageManager(pm)) {
    return { ok: false, message: `unsupported package manager "${pm}"; use npm or pnpm` };
  }
  const options: CliOptions = {
    yes: values.yes === true,
    force: values.force === true,
    help: values.help === true,
    version: values.version === true,
    ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}),
    ...(template !== undefined ? { template } : {}),
    ...(pm !== undefined ? { packageManager: pm } : {}),
    ...(values["no-install"] === true ? { install: false } : {}),
  };
  return { ok: true, options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      template: { type: "string", short: "t" },
      "package-manager": { type: "string", short: "p" },
      "no-install": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      force: { type: "boolean", short: "f" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
