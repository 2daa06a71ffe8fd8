import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * Headers of the explorer's responses: its own script and styles only, no inline script, calls
 * to this origin only, no framing, no content-type guessing and no referrer — the page shows
 * data written by contracts and agents, and the token must not leave it.
 */
export const EXPLORER_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** One file of the built explorer, with its content type. */
export interface ExplorerAsset {
  body: string;
  type: string;
}

/** The built explorer: `index.html` and the files under `/assets/`, or why it is missing. */
export type ExplorerAssets =
  | { ok: true; page: ExplorerAsset; assets: ReadonlyMap<string, ExplorerAsset> }
  | { ok: false; reason: string };

const TYPES: { [ext: string]: string } = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/**
 * Where the built explorer (`apps/explorer`'s dist) is: beside this module in a published
 * package (`dist/explorer/`, copied there by the server's build), else in the workspace when
 * the server runs from its sources.
 */
const CANDIDATES = [
  new URL("./explorer/", import.meta.url),
  new URL("../../../apps/explorer/dist/", import.meta.url),
];

/**
 * Reads the built explorer once, into memory (a few tens of kB): every asset is served from this
 * map by exact name, so no request path ever reaches the file system.
 *
 * @example
 * ```ts
 * const explorer = loadExplorerAssets();
 * if (explorer.ok) explorer.assets.get("explorer.js");
 * ```
 */
export function loadExplorerAssets(dirs: readonly URL[] = CANDIDATES): ExplorerAssets {
  const dir = dirs.find((d) => existsSync(new URL("index.html", d)));
  if (!dir)
    return {
      ok: false,
      reason: "the explorer is not built: run `pnpm build` (it builds apps/explorer first)",
    };
  const assets = new Map<string, ExplorerAsset>();
  const assetsDir = new URL("assets/", dir);
  for (const name of existsSync(assetsDir) ? readdirSync(assetsDir) : []) {
    const type = TYPES[name.split(".").pop() ?? ""];
    if (type) assets.set(name, { body: readFileSync(new URL(name, assetsDir), "utf8"), type });
  }
  const page = {
    body: readFileSync(new URL("index.html", dir), "utf8"),
    type: TYPES.html as string,
  };
  return { ok: true, page, assets };
}
