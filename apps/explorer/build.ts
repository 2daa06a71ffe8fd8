// Builds the explorer to static files in dist/: index.html, assets/explorer.js (one minified
// ES module: the app and the parts of @ecology/protocol it uses) and assets/explorer.css.
// @ecology/server copies dist/ into its own published files (see its build script).
import { copyFileSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { build } from "esbuild";

const out = new URL("./dist/", import.meta.url);
// Only this build's outputs: `tsc -b` (the root typecheck, which may run at the same time)
// writes dist/tsc, and removing the whole of dist/ under it failed that run with ENOTEMPTY.
rmSync(new URL("./assets/", out), { recursive: true, force: true });
rmSync(new URL("./index.html", out), { force: true });
mkdirSync(new URL("./assets/", out), { recursive: true });

await build({
  entryPoints: {
    explorer: new URL("./src/main.ts", import.meta.url).pathname,
    // The stylesheet goes through esbuild too, minified beside the script.
    "explorer-style": new URL("./src/style.css", import.meta.url).pathname,
  },
  outdir: new URL("./assets/", out).pathname,
  entryNames: "[name]",
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
// One predictable name per asset: the page links /assets/explorer.css.
renameSync(new URL("./assets/explorer-style.css", out), new URL("./assets/explorer.css", out));
copyFileSync(new URL("./src/index.html", import.meta.url), new URL("./index.html", out));
