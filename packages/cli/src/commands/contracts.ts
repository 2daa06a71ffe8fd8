import type { FailureEnvelope, Manifest } from "@ecology/protocol";
import type { CompileDiagnostic } from "@ecology/sdk/compiler";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { isNumberLike, parseInvokeArgs } from "../json-args.js";
import { methodParams } from "../method-params.js";
import { pickDefined } from "../objects.js";
import { printJson, printSuccess, printTable } from "../output.js";
import { parseAmount, parseDeployArgs, parseList } from "../parse-args.js";
import type { Handle } from "../program.js";

// The compiler is loaded on demand: it brings TypeScript, which other commands should not pay for.
const compiler = () => import("@ecology/sdk/compiler");

/**
 * The diagnostics of a compile failure (`deployFile`'s and `compileForDeploy`'s format: no call
 * path, every error in `details.diagnostics`), or undefined for any other failure.
 */
function compileDiagnostics(failure: FailureEnvelope): CompileDiagnostic[] | undefined {
  const { path, details } = failure.error;
  if (path !== undefined || !Array.isArray(details?.diagnostics)) return undefined;
  return details.diagnostics as unknown as CompileDiagnostic[];
}

/**
 * Reports a failed build or deploy. `--json` prints the envelope as it is; humans get several
 * compile errors one per line first, then one error line (whose message already names the
 * position, so the envelope's `at` is not repeated) with the CLI's own hint.
 */
async function failBuild(ctx: CommandContext, failure: FailureEnvelope): Promise<void> {
  const diagnostics = compileDiagnostics(failure);
  if (ctx.json || !diagnostics) return ctx.fail(failure);
  const { formatDiagnostic } = await compiler();
  if (diagnostics.length > 1) for (const d of diagnostics) ctx.io.err(`${formatDiagnostic(d)}\n`);
  const { at: _at, ...error } = failure.error;
  const several = diagnostics.length > 1;
  const message = several ? `${error.message} (above)` : error.message;
  ctx.fail(
    { success: false, error: { ...error, message } },
    several ? "fix them and run again" : "fix it and run again",
  );
}

function printManifest(ctx: CommandContext, manifest: Manifest): void {
  const rows = manifest.methods.map((m) => [
    m.name,
    m.kind,
    m.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", "),
    m.returns ?? "",
    m.price ?? "",
  ]);
  printTable(ctx.io, ["method", "kind", "params", "returns", "price"], rows, "no methods");
  if (manifest.reentrant) ctx.io.out("reentrant\n");
}

/** `build`, `deploy`, `invoke`: compiling, deploying and calling contracts. */
export function registerContractCommands(program: Command, handle: Handle): void {
  program
    .command("build <file>")
    .description("compile a contract and print its manifest")
    .addHelpText("after", "\nExample:\n  $ ecology build src/counter.ts --json")
    .action(
      handle(async (ctx, file: string) => {
        const built = await (await compiler()).compileForDeploy(file, { cwd: ctx.cwd });
        if ("error" in built) return failBuild(ctx, built);
        if (ctx.json) printJson(ctx.io, built.code.manifest);
        else printManifest(ctx, built.code.manifest);
      }),
    );

  program
    .command("deploy <file>")
    .description("compile a contract and deploy it as --as")
    .option("--as <principal>", "the deploying principal (owner); or --token")
    .option("--id <id>", "artifact id (default: chosen by the kernel)")
    .option("--args <json>", "init arguments: a JSON array (or one JSON value)")
    .option("--price <n>", "invoke price", parseAmount)
    .option("--allow-invoke <ids>", "who may invoke: * or a,b", parseList)
    .addHelpText(
      "after",
      '\nExample:\n  $ ecology deploy src/counter.ts --as alice --id counter --args "[10]" --price 2',
    )
    .action(
      handle(async (ctx, file: string, opts: DeployFlags) => {
        const token = ctx.tokenOf(opts.as);
        const args = opts.args === undefined ? undefined : parseDeployArgs(opts.args);
        const policy = pickDefined({ invokePrice: opts.price, allowInvoke: opts.allowInvoke });
        const options = pickDefined({
          id: opts.id,
          args,
          policy: Object.keys(policy).length > 0 ? policy : undefined,
        });
        const { deployFile } = await compiler();
        const envelope = await deployFile(await ctx.client(), file, {
          ...options,
          token,
          cwd: ctx.cwd,
        });
        if (!envelope.success) return failBuild(ctx, envelope);
        ctx.print(envelope, (deployed) =>
          printSuccess(ctx.io, deployed, `deployed ${deployed.result.id}`),
        );
      }),
    );

  program
    .command("invoke <artifact> <method> [args...]")
    .description(
      "invoke a method as --as; each arg is JSON when it parses, else text (number-like words stay text for string params; JSON-looking text that does not parse is refused)",
    )
    .option("--as <principal>", "the calling principal; or --token (a grant's, say)")
    .option("--confirmed", "the human approved a spend above the grant's confirmAbove")
    .option("--value <n>", "scrip to attach to the call", parseAmount)
    .option("--max-price <n>", "refuse (conflict) if the price is now above n", parseAmount)
    .addHelpText(
      "after",
      '\nExamples:\n  $ ecology invoke counter increment 5 --as bob\n  $ ecology invoke genesis_escrow deposit report 50 --as alice\n  $ ecology invoke notes add \'"2024"\' \'{"tags":["q4"]}\' --as alice',
    )
    .action(
      handle(async (ctx, target: string, method: string, args: string[], opts: InvokeFlags) => {
        const token = ctx.tokenOf(opts.as);
        // The manifest is only needed to keep number-like words as text for string params.
        const needsManifest = args.some(isNumberLike);
        const declared = needsManifest ? await methodParams(ctx, target, method) : undefined;
        const params = pickDefined({
          target,
          method,
          args: parseInvokeArgs(args, declared),
          value: opts.value,
          maxPrice: opts.maxPrice,
          confirmed: opts.confirmed,
        });
        await ctx.envelope("invoke", params, token);
      }),
    );
}

interface DeployFlags {
  as?: string;
  id?: string;
  args?: string;
  price?: number;
  allowInvoke?: "*" | string[];
}

interface InvokeFlags {
  as?: string;
  confirmed?: boolean;
  value?: number;
  maxPrice?: number;
}
