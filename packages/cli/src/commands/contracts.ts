import { relative, resolve } from "node:path";
import type { ContractCode, JsonValue, Manifest } from "@ecology/kernel";
import type { CompileDiagnostic } from "@ecology/sdk/compiler";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { isNumberLike, parseInvokeArgs } from "../json-args.js";
import { methodParams } from "../method-params.js";
import { pickDefined } from "../objects.js";
import { printTable } from "../output.js";
import { parseAmount, parseDeployArgs, parseList } from "../parse-args.js";
import type { Handle } from "../program.js";

/** `file:line:column: ` of a diagnostic, relative to the working directory. */
function where(ctx: CommandContext, d: CompileDiagnostic): string {
  if (!d.file) return "";
  const file = relative(ctx.cwd, resolve(ctx.cwd, d.file)) || d.file;
  return d.line ? `${file}:${d.line}:${d.column ?? 1}: ` : `${file}: `;
}

/**
 * Compiles a contract file, or throws a CliError: one error is the error line itself; several
 * are printed one per line first (or carried in `details.diagnostics` with `--json`).
 */
async function compile(ctx: CommandContext, file: string): Promise<ContractCode> {
  // Loaded on demand: the compiler brings TypeScript, which other commands should not pay for.
  const { compileContract } = await import("@ecology/sdk/compiler");
  const compiled = await compileContract(resolve(ctx.cwd, file));
  if (compiled.ok) return compiled.code;
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  const details = { diagnostics: errors as unknown as JsonValue };
  const [first] = errors;
  if (errors.length <= 1) {
    const message = first ? `${where(ctx, first)}${first.message}` : `${file} does not compile`;
    throw new CliError("invalid_argument", message, "fix it and run again", details);
  }
  if (!ctx.json) for (const d of errors) ctx.io.err(`${where(ctx, d)}${d.message}\n`);
  throw new CliError(
    "invalid_argument",
    `${file} has ${errors.length} compile errors${ctx.json ? "" : " (above)"}`,
    "fix them and run again",
    details,
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
        const code = await compile(ctx, file);
        if (ctx.json) ctx.io.out(`${JSON.stringify(code.manifest, null, 2)}\n`);
        else printManifest(ctx, code.manifest);
      }),
    );

  program
    .command("deploy <file>")
    .description("compile a contract and deploy it as --as")
    .requiredOption("--as <principal>", "the deploying principal (owner)")
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
        const code = await compile(ctx, file);
        const policy = pickDefined({ invokePrice: opts.price, allowInvoke: opts.allowInvoke });
        const params = pickDefined({
          id: opts.id,
          code,
          args,
          policy: Object.keys(policy).length > 0 ? policy : undefined,
        });
        await ctx.envelope("deploy", params, token, (e) =>
          e.success ? `deployed ${artifactIdOf(e.result, opts.id)}` : "",
        );
      }),
    );

  program
    .command("invoke <artifact> <method> [args...]")
    .description(
      "invoke a method as --as; each arg is JSON when it parses, else text (number-like words stay text for string params; JSON-looking text that does not parse is refused)",
    )
    .requiredOption("--as <principal>", "the calling principal")
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
        });
        await ctx.envelope("invoke", params, token);
      }),
    );
}

interface DeployFlags {
  as: string;
  id?: string;
  args?: string;
  price?: number;
  allowInvoke?: "*" | string[];
}

interface InvokeFlags {
  as: string;
  value?: number;
  maxPrice?: number;
}

/** The id of a deployed or written artifact, whatever shape the kernel's result has. */
export function artifactIdOf(result: unknown, fallback?: string): string {
  if (typeof result === "string") return result;
  if (result && typeof result === "object" && "id" in result) return String(result.id);
  return fallback ?? show(result);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? "";
}
