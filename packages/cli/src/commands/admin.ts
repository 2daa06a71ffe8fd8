import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { pickDefined } from "../objects.js";
import { parseAmount } from "../parse-args.js";
import type { Handle } from "../program.js";
import { databasePath } from "../transport.js";
import { registerPrincipalList } from "./balances.js";

/**
 * Creates `.ecology/`: the kernel database, the operator and viewer tokens (0600) and a `.gitignore` so
 * credentials are never committed. Running it again changes nothing.
 */
export async function initDir(ctx: CommandContext): Promise<{ created: boolean }> {
  const created = !existsSync(databasePath(ctx.dir));
  mkdirSync(ctx.dir, { recursive: true, mode: 0o700 });
  ctx.credentials.operatorToken();
  ctx.credentials.viewerToken();
  writeFileSync(join(ctx.dir, ".gitignore"), "*\n");
  const kernel = await createKernel({ storage: databasePath(ctx.dir) });
  await kernel.close();
  return { created };
}

/** `init`, `principal create`, `mint`: setting up an economy (operator credentials). */
export function registerAdminCommands(program: Command, handle: Handle): void {
  program
    .command("init")
    .description("create .ecology/ (kernel database, operator credentials)")
    .addHelpText("after", "\nExample:\n  $ ecology init")
    .action(
      handle(async (ctx) => {
        const { created } = await initDir(ctx);
        const result = {
          dir: ctx.dir,
          database: databasePath(ctx.dir),
          operatorToken: join(ctx.dir, "operator.token"),
          viewerToken: join(ctx.dir, "viewer.token"),
          created,
        };
        if (ctx.json) ctx.io.out(`${JSON.stringify(result, null, 2)}\n`);
        else ctx.io.out(`${created ? "initialised" : "already initialised"} ${ctx.dir}\n`);
      }),
    );

  const principal = program.command("principal").description("manage principals (operator)");
  registerPrincipalList(principal, handle);
  principal
    .command("create <id>")
    .description(
      "create a principal, mint its starting scrip and store its token in .ecology/tokens/",
    )
    .option("--scrip <n>", "starting scrip", parseAmount)
    .addHelpText("after", "\nExample:\n  $ ecology principal create alice --scrip 100")
    .action(
      handle(async (ctx, id: string, opts: { scrip?: number }) => {
        const params = pickDefined({ id, scrip: opts.scrip });
        await ctx.envelope(
          "createPrincipal",
          params,
          ctx.operatorToken(),
          (created) => `created principal ${id} with ${created.balance} scrip`,
        );
      }),
    );

  program
    .command("mint")
    .argument("<id>", "principal or artifact id")
    .argument("<n>", "amount", parseAmount)
    .description("create n scrip in the wallet of a principal or artifact (operator)")
    .addHelpText("after", "\nExample:\n  $ ecology mint alice 50")
    .action(
      handle(async (ctx, id: string, amount: number) => {
        await ctx.envelope(
          "mint",
          { id, amount },
          ctx.operatorToken(),
          (minted) => `minted ${amount} to ${id} (balance ${minted.balance})`,
        );
      }),
    );
}
