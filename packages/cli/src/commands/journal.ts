import type { Command } from "commander";
import { journalRecords } from "../journal-pages.js";
import { pickDefined } from "../objects.js";
import { parseSeq } from "../parse-args.js";
import type { Handle } from "../program.js";

/**
 * `journal export`: the journal (DESIGN.md §9) as JSON lines on stdout, one record a line, for
 * `ecology replay --journal`. Operator only: records hold arguments and content the public log
 * never shows.
 */
export function registerJournalCommands(program: Command, handle: Handle): void {
  const journal = program
    .command("journal")
    .description("the journal: every operation with its exact inputs (operator)");
  journal
    .command("export")
    .description("print journal records as JSON lines (operator; holds private inputs)")
    .option("--from <seq>", "first record", parseSeq)
    .option("--to <seq>", "last record", parseSeq)
    .addHelpText(
      "after",
      "\nExample:\n  $ ecology journal export > history.jsonl\n  $ ecology replay --journal history.jsonl --with pool=src/pool.ts",
    )
    .action(
      handle(async (ctx, opts: { from?: number; to?: number }) => {
        const token = ctx.operatorToken();
        const range = pickDefined({ from: opts.from, to: opts.to });
        for await (const record of journalRecords(ctx, token, range))
          ctx.io.out(`${JSON.stringify(record)}\n`);
      }),
    );
}
