import type { PackageManager } from "../package-manager.js";

/**
 * The commands a README tells the user to run: every line of its ```sh blocks, in order, except
 * blank lines and comment-only lines. Other fences (```text, ```ts, ```json) are not commands.
 */
export function shellCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inShell = false;
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) {
      inShell = !fenced && line.trim() === "```sh";
      fenced = !fenced;
      continue;
    }
    const command = line.trim();
    if (inShell && command !== "" && !command.startsWith("#")) commands.push(command);
  }
  return commands;
}

/** What a README command runs: a package script, the install, or the `ecology` bin. */
export type CommandTarget =
  | { readonly kind: "install" }
  | { readonly kind: "script"; readonly script: string; readonly args: string }
  | { readonly kind: "bin"; readonly bin: string }
  | { readonly kind: "other" };

/** Classifies `command` for a project created with `pm` (anything for another manager is "other"). */
export function commandTarget(command: string, pm: PackageManager): CommandTarget {
  const words = command.replace(/\s+#.*$/, "").split(/\s+/);
  const [tool, verb, name = "", ...rest] = words;
  const exec = pm === "npm" ? ["npx"] : ["pnpm", "exec"];
  if (tool === pm && verb === "install" && name === "") return { kind: "install" };
  if (tool === pm && verb === "test") return { kind: "script", script: "test", args: "" };
  if (tool === pm && verb === "run") return { kind: "script", script: name, args: rest.join(" ") };
  if (exec.every((word, i) => words[i] === word))
    return { kind: "bin", bin: words[exec.length] ?? "" };
  return { kind: "other" };
}
