import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { JsonValue } from "@ecology/protocol";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { MAX_JSON_DEPTH, parseJsonOption, parseJsonText } from "../json-args.js";
import { pickDefined } from "../objects.js";
import { show } from "../output.js";
import { parseAmount, parseList } from "../parse-args.js";
import type { Handle } from "../program.js";

interface WriteFlags {
  as?: string;
  content?: string;
  file?: string;
  readPrice?: number;
  allowRead?: "*" | string[];
}

/**
 * `--file f`: JSON when the file holds JSON, otherwise its text as a string — except JSON nested
 * deeper than the limit, which is refused rather than stored as text by surprise.
 */
function fileContent(file: string, cwd: string): JsonValue {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch {
    throw new CliError("not_found", `cannot read ${file}`, "check the path");
  }
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  if (!parsed.tooDeep) return text;
  throw new CliError(
    "invalid_argument",
    `${file} ${parsed.reason}`,
    `keep JSON content within ${MAX_JSON_DEPTH} levels of nesting`,
  );
}

/** `write`, `read`: data artifacts. */
export function registerDataCommands(program: Command, handle: Handle): void {
  program
    .command("write <id>")
    .description("create or update a data artifact as --as (its owner)")
    .option("--as <principal>", "the writing principal; or --token")
    .option("--content <json>", "the content, as JSON")
    .option("--file <path>", "read the content from a file (JSON if it parses, else text)")
    .option("--read-price <n>", "price of each read", parseAmount)
    .option("--allow-read <ids>", "who may read: * or a,b", parseList)
    .addHelpText(
      "after",
      "\nExample:\n  $ ecology write report --as alice --content '{\"q3\":42}' --read-price 1",
    )
    .action(
      handle(async (ctx, id: string, opts: WriteFlags) => {
        if ((opts.content === undefined) === (opts.file === undefined)) {
          throw new CliError(
            "invalid_argument",
            "give exactly one of --content and --file",
            "see `ecology write --help`",
          );
        }
        const token = ctx.tokenOf(opts.as);
        const content =
          opts.file === undefined
            ? parseJsonOption("write", "--content", opts.content as string)
            : fileContent(opts.file, ctx.cwd);
        const policy = pickDefined({ readPrice: opts.readPrice, allowRead: opts.allowRead });
        const params = pickDefined({
          id,
          content,
          policy: Object.keys(policy).length > 0 ? policy : undefined,
        });
        await ctx.envelope("write", params, token, (written) => `wrote ${written.id}`);
      }),
    );

  program
    .command("read <artifact>")
    .description("read an artifact as --as (pays its read price)")
    .option("--as <principal>", "the reading principal; or --token")
    .option("--confirmed", "the human approved a spend above the grant's confirmAbove")
    .addHelpText("after", "\nExample:\n  $ ecology read report --as bob")
    .action(
      handle(async (ctx, id: string, opts: { as?: string; confirmed?: boolean }) => {
        const params = pickDefined({ id, confirmed: opts.confirmed });
        await ctx.envelope("read", params, ctx.tokenOf(opts.as), show);
      }),
    );
}
