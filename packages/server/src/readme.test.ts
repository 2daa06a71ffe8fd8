import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** The ```ts blocks of a markdown text. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

/**
 * Type-checks each source as a module of this package (so `@ecology/server` and its
 * dependencies resolve as they would for a user) with the package's compiler options, and
 * answers the diagnostics of those sources, one line each.
 */
function typeErrors(sources: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(here, "..", "tsconfig.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("no tsconfig.json");
  const options = { ...config.options, noEmit: true, composite: false, incremental: false };
  const files = new Map(sources.map((text, i) => [join(here, `readme-block-${i}.ts`), text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    if (text === undefined) return getSourceFile.call(host, name, language, ...rest);
    return ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].flatMap((name) => {
    const file = program.getSourceFile(name);
    if (!file) return [`${name}: not compiled`];
    const diagnostics = [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ];
    return diagnostics.map((d) => {
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
      return `${name.slice(here.length + 1)}:${line + 1}: ${text}`;
    });
  });
}

describe("the README", () => {
  it("has TypeScript examples that compile against the real packages", () => {
    const blocks = tsBlocks(readFileSync(join(here, "..", "README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.join("\n")).toContain("createClient");
    expect(typeErrors(blocks)).toEqual([]);
  }, 60_000);

  it("would catch an example that reads the result off an envelope it did not check", () => {
    const unchecked = [
      'import { createClient } from "@ecology/protocol";',
      'const client = createClient({ url: "http://127.0.0.1:7420" });',
      'const n: number = (await client.call("balance", {})).result;',
      "console.log(n);",
    ].join("\n");
    const errors = typeErrors([unchecked]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^readme-block-0\.ts:3: Property 'result' does not exist/);
  }, 60_000);
});
