import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { pickDefined } from "../objects.js";
import { credentialsFor, openKernel } from "../open-kernel.js";
import { parseAmount } from "../parse-args.js";
import type { Handle } from "../program.js";
import {
  isInitialised,
  recordStorage,
  redactUrl,
  resolveStorage,
  type StorageChoice,
} from "../storage.js";
import { registerPrincipalList } from "./balances.js";

/**
 * Creates `.ecology/`: the economy (an SQLite `kernel.db`, or the schema of a PostgreSQL
 * `storage`, migrated by `createKernel`), the operator and viewer tokens (0600; their digests go
 * into a PostgreSQL economy too) and a `.gitignore` so credentials are never committed. With
 * `record`, a storage other than the default is written to `.ecology/config.json` so later
 * commands in the folder use it. Running it again changes nothing. The database is opened
 * first: one that cannot be reached leaves no new files behind.
 *
 * @throws CliError `not_found` / `invalid_state` when the database cannot be used (see openKernel).
 */
export async function initDir(
  ctx: CommandContext,
  storage: StorageChoice,
  options: { record: boolean },
): Promise<{ created: boolean }> {
  const created = !isInitialised(ctx.dir);
  // An SQLite file needs its folder before it opens; a database must answer before we write.
  if (!storage.postgres) mkdirSync(ctx.dir, { recursive: true, mode: 0o700 });
  const kernel = await openKernel(storage);
  try {
    mkdirSync(ctx.dir, { recursive: true, mode: 0o700 });
    const credentials = credentialsFor(storage, ctx.dir, kernel);
    credentials.operatorToken();
    credentials.viewerToken();
    writeFileSync(join(ctx.dir, ".gitignore"), "*\n");
    if (options.record && storage.source !== "default") recordStorage(ctx.dir, storage.spec);
  } finally {
    await kernel.close();
  }
  return { created };
}

/** `init`, `principal create`, `mint`: setting up an economy (operator credentials). */
export function registerAdminCommands(program: Command, handle: Handle): void {
  program
    .command("init")
    .description("create .ecology/ (kernel database or PostgreSQL schema, operator credentials)")
    .option(
      "--storage <url|path>",
      "keep the economy in PostgreSQL (postgres://user:pw@host:5432/db?schema=name) or this SQLite file; recorded in .ecology/config.json (default: $ECOLOGY_DATABASE_URL, else .ecology/kernel.db)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology init\n  $ ecology init --storage 'postgres://eco:pw@db.lan:5432/eco?schema=shop'",
    )
    .action(
      handle(async (ctx, opts: { storage?: string }) => {
        const storage = resolveStorage(ctx.dir, opts.storage, { cwd: ctx.cwd });
        const { created } = await initDir(ctx, storage, { record: opts.storage !== undefined });
        const result = {
          dir: ctx.dir,
          database: redactUrl(storage.spec),
          postgres: storage.postgres,
          operatorToken: join(ctx.dir, "operator.token"),
          viewerToken: join(ctx.dir, "viewer.token"),
          created,
        };
        if (ctx.json) ctx.io.out(`${JSON.stringify(result, null, 2)}\n`);
        else
          ctx.io.out(
            `${created ? "initialised" : "already initialised"} ${ctx.dir}${storage.postgres ? ` (economy in ${result.database})` : ""}\n`,
          );
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
