import type { TemplateName } from "./catalog.js";
import type { PackageManager } from "./package-manager.js";
import type { CliOptions } from "./parse-options.js";
import { type Answer, CANCELLED, type Prompter } from "./prompter.js";

/** Everything the scaffolder needs, decided. */
export interface Choices {
  readonly dir: string;
  readonly template: TemplateName;
  readonly packageManager: PackageManager;
  readonly install: boolean;
}

/** Directory used without prompts (`--yes` or no terminal) when none is given. */
export const DEFAULT_DIR = "my-contract";
/** Template used without prompts when `--template` is not given. */
export const DEFAULT_TEMPLATE: TemplateName = "blank";

/**
 * Fills in what the flags left open: asks `prompter` for each missing value, or, with no
 * prompter, takes the defaults. Resolves to {@link CANCELLED} when the user cancels a prompt.
 *
 * @example
 * ```ts
 * await resolveChoices({ yes: true, force: false, help: false, version: false }, { detected: "npm" });
 * // { dir: "my-contract", template: "blank", packageManager: "npm", install: true }
 * ```
 */
export async function resolveChoices(
  options: CliOptions,
  context: { readonly prompter?: Prompter; readonly detected: PackageManager },
): Promise<Answer<Choices>> {
  const p = context.prompter;
  const dir = options.dir ?? (p ? await p.directory(DEFAULT_DIR) : DEFAULT_DIR);
  if (dir === CANCELLED) return CANCELLED;
  const template = options.template ?? (p ? await p.template(DEFAULT_TEMPLATE) : DEFAULT_TEMPLATE);
  if (template === CANCELLED) return CANCELLED;
  const packageManager =
    options.packageManager ?? (p ? await p.packageManager(context.detected) : context.detected);
  if (packageManager === CANCELLED) return CANCELLED;
  const install = options.install ?? (p ? await p.install() : true);
  if (install === CANCELLED) return CANCELLED;
  return { dir, template, packageManager, install };
}
