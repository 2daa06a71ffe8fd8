import type { AllowList, Policy, RpcParams } from "@ecology/protocol";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { callResult } from "../lookups.js";
import { pickDefined } from "../objects.js";
import { collectPair, parseAmount, parseList } from "../parse-args.js";
import type { Handle } from "../program.js";

interface PolicyFlags {
  as: string;
  invokePrice?: number;
  readPrice?: number;
  methodPrice: { [method: string]: number };
  allowInvoke?: AllowList;
  allowRead?: AllowList;
  gate?: string;
  /** commander's `--no-upgradable`: true unless the flag was given. */
  upgradable: boolean;
}

type PolicyChange = RpcParams<"setPolicy">["policy"];

/**
 * The methodPrices to send: the kernel replaces the whole map, so the ones given are merged
 * over the artifact's current prices (read as `--as`), and `--method-price buy=3` leaves the
 * other methods' prices as they were.
 */
async function methodPrices(
  ctx: CommandContext,
  id: string,
  given: { [method: string]: number },
  token: string,
): Promise<{ [method: string]: number } | undefined> {
  if (Object.keys(given).length === 0) return undefined;
  const found = await callResult(ctx, "artifacts", { nameContains: id, limit: 1000 }, token);
  const current = found.find((a) => a.id === id)?.policy.methodPrices ?? {};
  return { ...current, ...given };
}

async function policyChange(
  ctx: CommandContext,
  id: string,
  opts: PolicyFlags,
  token: string,
): Promise<PolicyChange> {
  const change: PolicyChange = pickDefined({
    invokePrice: opts.invokePrice,
    readPrice: opts.readPrice,
    methodPrices: await methodPrices(ctx, id, opts.methodPrice, token),
    allowInvoke: opts.allowInvoke,
    allowRead: opts.allowRead,
    gate: opts.gate === undefined ? undefined : opts.gate === "none" ? null : opts.gate,
    upgradable: opts.upgradable ? undefined : false,
  });
  if (Object.keys(change).length === 0)
    throw new CliError(
      "invalid_argument",
      "give at least one policy flag to change",
      "see `ecology policy --help`",
    );
  return change;
}

function policyLine(id: string, p: Policy): string {
  const allow = (list: AllowList) => (list === "*" ? "*" : list.join(",") || "nobody");
  const prices = Object.entries(p.methodPrices ?? {}).map(([m, n]) => ` ${m}=${n}`);
  return [
    `policy of ${id}: invoke ${p.invokePrice}${prices.join("")} · read ${p.readPrice}`,
    `allow-invoke ${allow(p.allowInvoke)} · allow-read ${allow(p.allowRead)}`,
    `gate ${p.gate ?? "none"} · ${p.upgradable ? "upgradable" : "not upgradable"}`,
  ].join(" · ");
}

/** `policy <id>`: changes fields of the policy of an artifact `--as` owns (DESIGN.md §15). */
export function registerPolicyCommand(program: Command, handle: Handle): void {
  program
    .command("policy <id>")
    .description("change the policy of an artifact you own; flags left out keep their value")
    .requiredOption("--as <principal>", "the artifact's owner")
    .option("--invoke-price <n>", "price of each invoke", parseAmount)
    .option("--read-price <n>", "price of each read", parseAmount)
    .option(
      "--method-price <m=n>",
      "price of one method (repeatable)",
      collectPair(parseAmount),
      {},
    )
    .option("--allow-invoke <ids>", "who may invoke: * or a,b", parseList)
    .option("--allow-read <ids>", "who may read: * or a,b", parseList)
    .option("--gate <id|none>", "a gate contract consulted on every access, or none")
    .option("--no-upgradable", "switch upgrades off for good (they can never be switched back on)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology policy counter --as alice --invoke-price 2 --method-price reset=10\n  $ ecology policy counter --as alice --no-upgradable",
    )
    .action(
      handle(async (ctx, id: string, opts: PolicyFlags) => {
        const token = ctx.tokenOf(opts.as);
        const policy = await policyChange(ctx, id, opts, token);
        await ctx.envelope("setPolicy", { id, policy }, token, (p) => policyLine(id, p));
      }),
    );
}
