import { readdirSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";

/** What is at the target path. */
export type TargetState =
  | { readonly kind: "absent" | "empty" }
  | { readonly kind: "not-empty"; readonly entries: readonly string[] }
  | { readonly kind: "not-a-directory" };

/** Entries that do not make a directory "non-empty": a fresh `git init` or editor droppings. */
const HARMLESS = new Set([".git", ".DS_Store", "Thumbs.db", ".idea", ".vscode"]);

/** Inspects `dir` without changing anything. */
export function inspectTarget(dir: string): TargetState {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return { kind: "absent" };
  }
  if (!isDir) return { kind: "not-a-directory" };
  const entries = readdirSync(dir).filter((e) => !HARMLESS.has(e));
  return entries.length === 0 ? { kind: "empty" } : { kind: "not-empty", entries: entries.sort() };
}

/** A one-line refusal for a non-empty directory, naming a few entries and the way out. */
export function notEmptyMessage(dir: string, entries: readonly string[]): string {
  const shown = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
  return (
    `${dir} is not empty (${shown}). Choose a new directory name, ` +
    "or pass --force to write the template into it (files with the same names are overwritten)."
  );
}

/**
 * A valid npm package name from a directory: its base name, lower-cased, other characters → `-`.
 *
 * @example
 * ```ts
 * packageNameFor("/tmp/My Pool!"); // "my-pool"
 * ```
 */
export function packageNameFor(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[-._]+|-+$/g, "");
  return name || "ecology-contract";
}
