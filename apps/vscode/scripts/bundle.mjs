// Bundles the extension client and the language server into dist/ for `vsce package`.
// The client is CommonJS (VS Code 1.100 loads extensions with require); the server is ESM so the
// language server's own top-level code runs unchanged, with `require` provided for its CJS deps.
//
// The server deploys (ecology.deploy compiles with @ecology/sdk/compiler), so two things the
// compiler finds next to its own files on disk are copied next to the bundle (ADR 0028):
// esbuild's native binary, which its bundled JS API is told about through ESBUILD_BINARY_PATH,
// and TypeScript's lib.*.d.ts, which the bundled TypeScript reads from the folder of the file it
// runs from. The binary is the build machine's: the .vsix runs on that platform only.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
// The package exports only its source entry, so find its folder through node_modules.
const serverPackage = join(root, "node_modules", "@ecology", "language-server");
const serverEntry = join(serverPackage, "src", "bin.ts");
const esbuildName = process.platform === "win32" ? "esbuild.exe" : "esbuild";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
};

/** The folder of `name` as the SDK resolves it: the copy the bundled compiler comes from. */
function sdkDependency(name) {
  const sdk = join(realpathSync(serverPackage), "node_modules", "@ecology", "sdk");
  const require = createRequire(join(realpathSync(sdk), "package.json"));
  return dirname(require.resolve(`${name}/package.json`));
}

/** Copies esbuild's binary (checked to be the version of its JS API) to dist/bin/. */
function copyEsbuildBinary() {
  const esbuildDir = sdkDependency("esbuild");
  const { version } = createRequire(import.meta.url)(join(esbuildDir, "package.json"));
  const platformPackage = `@esbuild/${process.platform}-${process.arch}`;
  const require = createRequire(join(esbuildDir, "package.json"));
  const packageDir = dirname(require.resolve(`${platformPackage}/package.json`));
  const binary = join(packageDir, process.platform === "win32" ? "" : "bin", esbuildName);
  const found = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  if (found !== version) throw new Error(`bundle: ${binary} is esbuild ${found}, not ${version}`);
  mkdirSync(join(dist, "bin"), { recursive: true });
  copyFileSync(binary, join(dist, "bin", esbuildName));
}

/** Copies TypeScript's default library declarations (lib.*.d.ts) to dist/. */
function copyTypeScriptLibs() {
  const lib = join(sdkDependency("typescript"), "lib");
  const libs = readdirSync(lib).filter((f) => /^lib\..*\.d\.ts$/.test(f));
  for (const file of libs) copyFileSync(join(lib, file), join(dist, file));
  return libs.length;
}

await build({
  ...common,
  entryPoints: [join(root, "src", "index.ts")],
  outfile: join(dist, "extension.cjs"),
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
  outfile: join(dist, "server.mjs"),
  format: "esm",
  banner: {
    js: [
      'import { createRequire as __ecologyRequire } from "node:module";',
      'import { fileURLToPath as __ecologyPath } from "node:url";',
      'import { existsSync as __ecologyExists } from "node:fs";',
      "const require = __ecologyRequire(import.meta.url);",
      "const __filename = __ecologyPath(import.meta.url);",
      'const __dirname = __ecologyPath(new URL(".", import.meta.url));',
      `const __ecologyEsbuild = __ecologyPath(new URL("./bin/${esbuildName}", import.meta.url));`,
      "if (!process.env.ESBUILD_BINARY_PATH && __ecologyExists(__ecologyEsbuild))",
      "  process.env.ESBUILD_BINARY_PATH = __ecologyEsbuild;",
    ].join("\n"),
  },
});
copyEsbuildBinary();
const libs = copyTypeScriptLibs();
console.log(
  `bundle: dist/extension.cjs, dist/server.mjs, dist/bin/${esbuildName} and ${libs} TypeScript libs`,
);
