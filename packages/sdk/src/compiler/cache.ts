import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { CompileResult } from "./types.js";

interface Entry {
  hashes: Map<string, string>;
  result: CompileResult;
}

// Process-wide and bounded: editors and test runs compile the same few files again and again.
const MAX_ENTRIES = 256;
const entries = new Map<string, Entry>();

function hashFile(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}

/** The cached result for `key` if none of the files it was built from changed content. */
export function cachedCompile(key: string): CompileResult | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  for (const [path, hash] of entry.hashes) {
    if (hashFile(path) !== hash) {
      entries.delete(key);
      return undefined;
    }
  }
  return entry.result;
}

/** Remembers `result` for `key` with the content hashes of the files it was built from. */
export function storeCompile(key: string, files: Iterable<string>, result: CompileResult): void {
  const hashes = new Map<string, string>();
  for (const path of files) {
    const hash = hashFile(path);
    if (hash !== undefined) hashes.set(path, hash);
  }
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { hashes, result });
}

/** Forgets every cached compile (tests and long-running tools that want a clean slate). */
export function clearCompileCache(): void {
  entries.clear();
}
