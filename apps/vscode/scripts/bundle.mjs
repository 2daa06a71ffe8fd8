// Bundles the extension client and the language server into dist/ for `vsce package`.
// The client is CommonJS (VS Code 1.100 loads extensions with require); the server is ESM so the
// language server's own top-level code runs unchanged, with `require` provided for its CJS deps.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The package exports only its source entry, so find its folder through node_modules.
const serverPackage = join(root, "node_modules", "@ecology", "language-server");
const serverEntry = join(serverPackage, "src", "bin.ts");

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: [join(root, "src", "index.ts")],
  outfile: join(root, "dist", "extension.cjs"),
  format: "cjs",
  external: ["vscode"],
});

if (!existsSync(serverEntry)) {
  console.error(`bundle: ${serverEntry} is missing; the language server is not bundled`);
  process.exit(1);
}
await build({
  ...common,
  entryPoints: [serverEntry],
  outfile: join(root, "dist", "server.mjs"),
  format: "esm",
  banner: {
    js: [
      'import { createRequire as __ecologyRequire } from "node:module";',
      'import { fileURLToPath as __ecologyPath } from "node:url";',
      "const require = __ecologyRequire(import.meta.url);",
      "const __filename = __ecologyPath(import.meta.url);",
      'const __dirname = __ecologyPath(new URL(".", import.meta.url));',
    ].join("\n"),
  },
});
console.log("bundle: dist/extension.cjs and dist/server.mjs");
