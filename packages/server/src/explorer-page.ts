import { readFileSync } from "node:fs";

/** A file of the explorer folder, read once: real files that linters and tests see. */
function explorerFile(name: string): string {
  return readFileSync(new URL(`./explorer/${name}`, import.meta.url), "utf8");
}

/**
 * The page served at `/` (`explorer/index.html`): a minimal explorer that asks for a token (or
 * reads `#token=…`), then shows balances, artifacts and the live event stream through the same
 * `/rpc` and `/events`. Markup only; its behaviour is all in {@link EXPLORER_SCRIPT}.
 */
export const EXPLORER_PAGE = explorerFile("index.html");

/** The explorer's script (`explorer/explorer.js`), served as-is at `/explorer.js`. */
export const EXPLORER_SCRIPT = explorerFile("explorer.js");

/**
 * Headers of the explorer's responses: its own script and styles only, no framing, and no
 * content-type guessing — the page shows data written by contracts and agents.
 */
export const EXPLORER_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
