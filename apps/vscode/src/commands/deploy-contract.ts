import * as vscode from "vscode";
import { defaultArtifactId, deployFile } from "../kernel/deploy-file.js";
import type { Envelope } from "../kernel/kernel-types.js";
import type { KernelController } from "../kernel-controller.js";
import { requireSession } from "./kernel-commands.js";
import { reportEnvelope } from "./report.js";

/** Where a deploy was asked from: a code lens (`{ file, id? }`), an explorer URI, or nothing. */
export type DeployArgument = { file?: string; id?: string } | vscode.Uri | undefined;

/**
 * Registers Deploy Contract (`ecology.deployContract`, and the lens command `ecology.deploy`
 * through {@link deployContract}).
 */
export function registerDeployCommand(
  controller: KernelController,
  output: vscode.OutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand("ecology.deployContract", (arg?: DeployArgument) =>
    deployContract(controller, output, arg),
  );
}

/**
 * Deploys a contract file (the argument's, else the active editor's) to the running kernel as
 * the configured principal, under its file name (`-2`, `-3`… when taken). Saves the file first.
 * Resolves with the artifact id, or undefined when nothing was deployed.
 */
export async function deployContract(
  controller: KernelController,
  output: vscode.OutputChannel,
  arg?: DeployArgument,
): Promise<string | undefined> {
  const file =
    arg instanceof vscode.Uri
      ? arg.fsPath
      : (arg?.file ?? vscode.window.activeTextEditor?.document.uri.fsPath);
  if (!file) {
    void vscode.window.showErrorMessage("Ecology: open a contract file to deploy it.");
    return undefined;
  }
  const session = await requireSession(controller);
  const workspace = controller.workspace();
  if (!session || !workspace) return undefined;
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.save();
  const listed = await session.artifacts();
  const taken = new Set(listed.ok ? listed.value.map((a) => a.id) : []);
  const wanted = arg instanceof vscode.Uri ? undefined : arg?.id;
  const id = wanted && !taken.has(wanted) ? wanted : defaultArtifactId(file, taken);
  const envelope = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Ecology: deploying ${id}…` },
    () =>
      deployFile(controller.cli(workspace), {
        file,
        id,
        url: session.url,
        principal: session.principal,
        workspace,
      }),
  );
  reportEnvelope(output, `deploy ${id}`, envelope);
  if (!envelope.success) return undefined;
  controller.deployed.set(file, deployedId(envelope, id));
  return controller.deployed.get(file);
}

function deployedId(envelope: Extract<Envelope, { success: true }>, fallback: string): string {
  const result = envelope.result;
  if (typeof result === "string") return result;
  if (
    result &&
    typeof result === "object" &&
    !Array.isArray(result) &&
    typeof result.id === "string"
  )
    return result.id;
  return fallback;
}
