import type { Command } from "commander";
import { compiler, failBuild } from "../build-failure.js";
import { pickDefined } from "../objects.js";
import { parseDeployArgs } from "../parse-args.js";
import type { Handle } from "../program.js";

interface UpgradeFlags {
  as: string;
  args?: string;
}

/** A code hash (hex sha256) short enough for a line, as git shortens commits. */
function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * `upgrade <id> <file>`: compiles the file the way `deploy` does (`compileForDeploy`, the one
 * compile path) and replaces the code of an upgradable contract `--as` owns; the new code's
 * `migrate` runs with `--args` on the old state (DESIGN.md §9).
 */
export function registerUpgradeCommand(program: Command, handle: Handle): void {
  program
    .command("upgrade <id> <file>")
    .description(
      "replace the code of an upgradable contract you own with the compiled file; its migrate runs once with --args on the old state",
    )
    .requiredOption("--as <principal>", "the contract's owner")
    .option("--args <json>", "migrate arguments: a JSON array (or one JSON value)")
    .addHelpText(
      "after",
      "\nExample:\n  $ ecology upgrade counter src/counter-v2.ts --as alice --args '[10]'",
    )
    .action(
      handle(async (ctx, id: string, file: string, opts: UpgradeFlags) => {
        const token = ctx.tokenOf(opts.as);
        const args = opts.args === undefined ? undefined : parseDeployArgs(opts.args, "upgrade");
        const built = await (await compiler()).compileForDeploy(file, { cwd: ctx.cwd });
        if ("error" in built) return failBuild(ctx, built);
        const params = pickDefined({ id, code: built.code, args });
        await ctx.envelope(
          "upgrade",
          params,
          token,
          (u) =>
            `upgraded ${u.id} (code ${shortHash(u.fromCodeHash)} → ${shortHash(u.toCodeHash)})`,
        );
      }),
    );
}
