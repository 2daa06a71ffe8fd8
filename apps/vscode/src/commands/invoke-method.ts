import { join } from "node:path";
import type { JsonValue, ManifestMethod } from "@ecology/protocol";
import * as vscode from "vscode";
import { explorerUrl, txOf } from "../kernel/explorer-url.js";
import type { KernelSession } from "../kernel/kernel-session.js";
import { argList, parseArg, validateArg } from "../kernel/manifest-args.js";
import type { KernelController } from "../kernel-controller.js";
import type { DeployArgument } from "./deploy-contract.js";
import { requireSession } from "./kernel-commands.js";
import { reportEnvelope } from "./report.js";

/** What an invoke was asked with: an artifact id (views), a code lens argument, or nothing. */
export type InvokeArgument =
  | string
  | { file?: string; artifact?: string; method?: string }
  | undefined;

/** Deploys a contract file, resolving with its artifact id (undefined when nothing was deployed). */
export type Deploy = (arg: DeployArgument) => Promise<string | undefined>;

/** Registers Invoke Method (`ecology.invokeMethod`; the lens command `ecology.run` calls {@link invokeMethod}). */
export function registerInvokeCommand(
  controller: KernelController,
  output: vscode.OutputChannel,
  deploy: Deploy,
): vscode.Disposable {
  return vscode.commands.registerCommand("ecology.invokeMethod", (arg?: InvokeArgument) =>
    invokeMethod(controller, output, deploy, arg),
  );
}

/**
 * Invokes a method on the running kernel as the configured principal: picks the artifact and
 * method (quick picks, unless the argument names them), asks for each argument in an input box
 * validated against the manifest, and for scrip to attach when the method is not a view. A
 * lens on a file not deployed yet in this window deploys it first. The result is reported.
 */
export async function invokeMethod(
  controller: KernelController,
  output: vscode.OutputChannel,
  deploy: Deploy,
  arg?: InvokeArgument,
): Promise<void> {
  const session = await requireSession(controller);
  if (!session) return;
  const target = await pickArtifact(controller, deploy, session, arg);
  if (!target) return;
  const methods = await session.methods(target);
  if (!methods.ok) {
    void vscode.window.showErrorMessage(`Ecology: ${methods.message}`);
    return;
  }
  const wanted = typeof arg === "object" ? arg.method : undefined;
  const method = methods.value.find((m) => m.name === wanted) ?? (await pickMethod(methods.value));
  if (!method) return;
  const args = await askArgs(method);
  if (!args) return;
  const value = method.kind === "method" ? await askValue() : 0;
  if (value === undefined) return;
  const envelope = await session.invoke(target, method.name, args, value);
  reportEnvelope(output, `${target}.${method.name}`, envelope);
  const tx = txOf(envelope);
  const workspace = controller.workspace();
  const url =
    tx && workspace ? explorerUrl(session.url, join(workspace, ".ecology"), tx) : undefined;
  // A link in the output channel opens the transaction's trace in the explorer.
  if (url) output.appendLine(`  trace: ${url}`);
}

async function pickArtifact(
  controller: KernelController,
  deploy: Deploy,
  session: KernelSession,
  arg: InvokeArgument,
): Promise<string | undefined> {
  if (typeof arg === "string") return arg;
  if (arg?.file) {
    return (
      controller.deployed.get(arg.file) ??
      (await deploy({ file: arg.file, ...(arg.artifact ? { id: arg.artifact } : {}) }))
    );
  }
  if (arg?.artifact) return arg.artifact;
  const listed = await session.artifacts();
  if (!listed.ok) return undefined;
  const picked = await vscode.window.showQuickPick(
    listed.value
      .filter((a) => a.kind !== "data")
      .map((a) => ({ label: a.id, description: `${a.kind} · owner ${a.owner}` })),
    { title: "Ecology: artifact to invoke", placeHolder: "artifact id" },
  );
  return picked?.label;
}

async function pickMethod(methods: ManifestMethod[]): Promise<ManifestMethod | undefined> {
  const picked = await vscode.window.showQuickPick(
    methods.map((m) => ({
      label: m.name,
      description: `${m.kind}(${m.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", ")})`,
      detail: m.price ? `price ${m.price}` : undefined,
      method: m,
    })),
    { title: "Ecology: method", placeHolder: "method to invoke" },
  );
  return picked?.method;
}

async function askArgs(method: ManifestMethod): Promise<JsonValue[] | undefined> {
  const values: (JsonValue | undefined)[] = [];
  for (const param of method.params) {
    const text = await vscode.window.showInputBox({
      title: `Ecology: ${method.name} — ${param.name}`,
      prompt: `${param.name}${param.optional ? " (optional)" : ""}: ${param.type} — JSON`,
      validateInput: (input) => validateArg(param, input),
    });
    if (text === undefined) return undefined;
    const parsed = parseArg(param, text);
    if (!parsed.ok) return undefined;
    values.push(parsed.value);
  }
  return argList(values);
}

async function askValue(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: "Ecology: scrip to attach",
    prompt: "Scrip sent with the call (value); empty for none",
    validateInput: (input) =>
      input.trim() === "" || /^\d+$/.test(input.trim()) ? undefined : "a whole number of scrip",
  });
  if (text === undefined) return undefined;
  return text.trim() === "" ? 0 : Number(text.trim());
}
