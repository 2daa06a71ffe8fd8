import type { Envelope } from "@ecology/protocol";
import * as vscode from "vscode";
import { formatEnvelope, summarizeEnvelope } from "../kernel/format-envelope.js";
import type { SourceBase } from "../kernel/source-errors.js";

/**
 * Shows a deploy or invoke result where `ecology.results.show` asks: the output channel (value,
 * cost, events, or the error with its path and source positions, resolved against `base` when
 * given so they are links), a notification, or both.
 *
 * @example
 * ```ts
 * reportEnvelope(output, "pool.join", envelope);
 * ```
 */
export function reportEnvelope(
  output: vscode.OutputChannel,
  label: string,
  envelope: Envelope<unknown>,
  base?: SourceBase,
): void {
  const where = vscode.workspace.getConfiguration("ecology").get<string>("results.show", "both");
  for (const line of formatEnvelope(label, envelope, base)) output.appendLine(line);
  if (where === "output" || where === "both") output.show(true);
  if (where === "notification" || where === "both") {
    const text = `Ecology: ${summarizeEnvelope(label, envelope)}`;
    if (envelope.success) void vscode.window.showInformationMessage(text);
    else void vscode.window.showErrorMessage(text);
  }
}
