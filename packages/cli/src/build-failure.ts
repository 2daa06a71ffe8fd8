import type { FailureEnvelope } from "@ecology/protocol";
import type { CompileDiagnostic } from "@ecology/sdk/compiler";
import type { CommandContext } from "./context.js";

/**
 * `@ecology/sdk/compiler`, loaded on demand: it brings TypeScript, which commands that compile
 * nothing should not pay for.
 */
export const compiler = () => import("@ecology/sdk/compiler");

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
export async function failBuild(ctx: CommandContext, failure: FailureEnvelope): Promise<void> {
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
