import * as vscode from "vscode";
import { ContractDeployer } from "./commands/deploy-contract.js";
import { type Deploy, invokeMethod, registerInvokeCommand } from "./commands/invoke-method.js";
import { registerKernelCommands } from "./commands/kernel-commands.js";
import { registerOpenTransaction } from "./commands/open-transaction.js";
import { KernelController } from "./kernel-controller.js";
import { LanguageService } from "./language-service.js";
import { createStatusBar } from "./status-bar.js";
import { loadArtifacts } from "./views/artifacts-view.js";
import { loadBalances } from "./views/balances-view.js";
import { loadEvents } from "./views/events-view.js";
import { KernelTree } from "./views/kernel-tree.js";

let language: LanguageService | undefined;

/**
 * Activates the extension: the language server, the kernel commands, the status bar and the
 * Artifacts / Balances / Events views. Everything is disposed with `context.subscriptions`.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Ecology");
  const controller = new KernelController(output);
  const trees = {
    artifacts: new KernelTree(controller, loadArtifacts),
    balances: new KernelTree(controller, loadBalances),
    events: new KernelTree(controller, loadEvents),
  };
  context.subscriptions.push(
    output,
    controller,
    createStatusBar(controller),
    ...Object.values(trees),
    ...Object.entries(trees).map(([name, tree]) =>
      vscode.window.registerTreeDataProvider(`ecology.${name}`, tree),
    ),
    ...registerKernelCommands(controller, output),
    registerOpenTransaction(controller),
    vscode.commands.registerCommand("ecology.refresh", () => {
      for (const tree of Object.values(trees)) tree.refresh();
    }),
  );
  // The lens commands deploy through the deployer, which deploys through the language service
  // they are handed to: `deployer` is read only once a lens runs, after it is created.
  const deploy: Deploy = (arg) => deployer.deploy(arg);
  const onLens = (command: string, args: unknown[]) =>
    command === "ecology.deploy"
      ? deploy(args[0] as { file?: string })
      : invokeMethod(controller, output, deploy, args[0] as { file?: string });
  const service = new LanguageService(context, output, controller, onLens);
  const deployer = new ContractDeployer(controller, output, service);
  language = service;
  context.subscriptions.push(
    service,
    deployer,
    deployer.register(),
    registerInvokeCommand(controller, output, deploy),
  );
  await service.start();
  // A server that does not declare the lens commands leaves them to the client.
  const known = await vscode.commands.getCommands(true);
  if (!known.includes("ecology.run")) {
    context.subscriptions.push(
      vscode.commands.registerCommand("ecology.run", (a) => onLens("ecology.run", [a])),
    );
  }
  if (!known.includes("ecology.deploy")) {
    context.subscriptions.push(
      vscode.commands.registerCommand("ecology.deploy", (a) => onLens("ecology.deploy", [a])),
    );
  }
  output.appendLine("Ecology extension active");
}

/** Stops the language server (the kernel stops with the controller's disposal). */
export async function deactivate(): Promise<void> {
  await language?.stop();
  language = undefined;
}
