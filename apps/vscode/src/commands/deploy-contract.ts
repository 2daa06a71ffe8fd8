import { isAbsolute } from "node:path";
import { type Envelope, envelopeOf, fail } from "@ecology/protocol";
import * as vscode from "vscode";
import { defaultArtifactId } from "../kernel/artifact-id.js";
import { type SourceError, sourceErrorsOf } from "../kernel/source-errors.js";
import type { KernelController } from "../kernel-controller.js";
import type { LanguageService } from "../language-service.js";
import { requireSession } from "./kernel-commands.js";
import { reportEnvelope } from "./report.js";

/** Where a deploy was asked from: a code lens (`{ file, id? }`), an explorer URI, or nothing. */
export type DeployArgument = { file?: string; id?: string } | vscode.Uri | undefined;

/** The Problems entries of deploys are marked with this source. */
export const DEPLOY_SOURCE = "ecology deploy";

/**
 * Deploys contract files through the language server's `ecology.deploy` (the one deploy path:
 * compile, then deploy on the running kernel) and shows the envelope; a compile failure's
 * positions become entries in Problems, cleared by the next deploy or an edit of their file.
 * Lives with the extension.
 */
export class ContractDeployer implements vscode.Disposable {
  readonly #problems = vscode.languages.createDiagnosticCollection(DEPLOY_SOURCE);
  // A deploy's errors describe the text it compiled: an edit of that file makes them stale.
  readonly #onEdit = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0) this.#problems.delete(e.document.uri);
  });

  constructor(
    private readonly controller: KernelController,
    private readonly output: vscode.OutputChannel,
    private readonly language: LanguageService,
  ) {}

  /** Registers Deploy Contract (`ecology.deployContract`). */
  register(): vscode.Disposable {
    return vscode.commands.registerCommand("ecology.deployContract", (arg?: DeployArgument) =>
      this.deploy(arg),
    );
  }

  /**
   * Deploys a contract file (the argument's, else the active editor's) to the running kernel as
   * the configured principal, under its file name (`-2`, `-3`… when taken). Saves the file
   * first. Resolves with the artifact id, or undefined when nothing was deployed.
   */
  async deploy(arg?: DeployArgument): Promise<string | undefined> {
    const file =
      arg instanceof vscode.Uri
        ? arg.fsPath
        : (arg?.file ?? vscode.window.activeTextEditor?.document.uri.fsPath);
    if (!file) {
      void vscode.window.showErrorMessage("Ecology: open a contract file to deploy it.");
      return undefined;
    }
    const session = await requireSession(this.controller);
    const workspace = this.controller.workspace();
    if (!session || !workspace) return undefined;
    await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.save();
    const listed = await session.artifacts();
    const taken = new Set(listed.ok ? listed.value.map((a) => a.id) : []);
    const wanted = arg instanceof vscode.Uri ? undefined : arg?.id;
    const id = wanted && !taken.has(wanted) ? wanted : defaultArtifactId(file, taken);
    const request = { file, id, as: session.principal };
    const envelope = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Ecology: deploying ${id}…` },
      () => this.#ask(session.url, request),
    );
    const base = { workspace, entry: file };
    this.#showProblems(sourceErrorsOf(envelope, base));
    reportEnvelope(this.output, `deploy ${id}`, envelope, base);
    if (!envelope.success) return undefined;
    const result = envelope.result as { id?: unknown } | null;
    this.controller.deployed.set(file, typeof result?.id === "string" ? result.id : id);
    return this.controller.deployed.get(file);
  }

  dispose(): void {
    this.#onEdit.dispose();
    this.#problems.dispose();
  }

  /** The language server's answer as an envelope; a server that fails is a failure envelope. */
  async #ask(
    url: string,
    request: { file: string; id: string; as: string },
  ): Promise<Envelope<unknown>> {
    try {
      const answer = await this.language.executeCommand(url, "ecology.deploy", [request]);
      return envelopeOf({ ok: true, result: answer });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail("internal", `the language server did not deploy: ${message}`);
    }
  }

  #showProblems(errors: SourceError[]): void {
    this.#problems.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    // A file name that could not be resolved names no file to mark.
    for (const e of errors.filter((error) => isAbsolute(error.file))) {
      const at = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at), e.message);
      diagnostic.source = DEPLOY_SOURCE;
      byFile.set(e.file, [...(byFile.get(e.file) ?? []), diagnostic]);
    }
    for (const [file, diagnostics] of byFile)
      this.#problems.set(vscode.Uri.file(file), diagnostics);
  }
}
