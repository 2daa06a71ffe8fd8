import { readFileSync } from "node:fs";

/**
 * The explorer's script (`explorer/explorer.js`), read once and served as-is at
 * `/explorer.js`: a real file that linters and tests see, not code in a string (CONVENTIONS).
 */
export const EXPLORER_SCRIPT = readFileSync(
  new URL("./explorer/explorer.js", import.meta.url),
  "utf8",
);

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

/**
 * The page served at `/`: a minimal explorer that asks for a token (or reads `#token=…`), then
 * shows balances, artifacts and the live event stream through the same `/rpc` and `/events`.
 * Its behaviour is all in {@link EXPLORER_SCRIPT}; this is markup only.
 */
export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ecology explorer</title>
<style>
 body { font: 14px system-ui, sans-serif; margin: 2rem; max-width: 70rem; }
 table { border-collapse: collapse; margin-bottom: 1.5rem; }
 td, th { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; }
 th { background: #f4f4f4; }
 #status { background: #fff3f3; border: 1px solid #d88; padding: 0.5rem 0.8rem; }
 code, pre { font-size: 12px; }
</style>
</head>
<body>
<h1>Ecology explorer</h1>
<p>JSON-RPC 2.0 at <code>POST /rpc</code>, events at <code>GET /events</code> (Server-Sent Events).
Paste a token from <code>.ecology/</code> to look around.</p>
<form id="login"><input id="token" type="password" size="60" placeholder="token">
<button>Connect</button></form>
<p id="status" role="alert" hidden></p>
<h2>Balances</h2><table id="balances"></table>
<h2>Artifacts</h2><table id="artifacts"></table>
<h2>Events</h2><table id="events"></table>
<script type="module" src="/explorer.js"></script>
</body>
</html>
`;
