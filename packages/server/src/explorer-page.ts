/**
 * The page served at `/`: a minimal explorer that asks for a token (or reads `#token=…`), then
 * shows balances, artifacts and the live event stream through the same `/rpc` and `/events`.
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
 code, pre { font-size: 12px; }
</style>
</head>
<body>
<h1>Ecology explorer</h1>
<p>JSON-RPC 2.0 at <code>POST /rpc</code>, events at <code>GET /events</code> (Server-Sent Events).
Paste a token from <code>.ecology/</code> to look around.</p>
<form id="login"><input id="token" type="password" size="60" placeholder="token">
<button>Connect</button></form>
<h2>Balances</h2><table id="balances"></table>
<h2>Artifacts</h2><table id="artifacts"></table>
<h2>Events</h2><table id="events"></table>
<script type="module">
const $ = (id) => document.getElementById(id);
let token = "";
async function rpc(method, params = {}) {
  const r = await fetch("/rpc", { method: "POST", headers: { "content-type": "application/json",
    authorization: "Bearer " + token }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = await r.json();
  if (body.error) throw new Error(body.error.message);
  return body.result;
}
function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = String(c); tr.append(td); }
  return tr;
}
async function refresh() {
  // Fetch first, then swap the rows in one go, so overlapping refreshes never mix rows.
  const [balances, found] = await Promise.all([rpc("balances"), rpc("artifacts", {})]);
  $("balances").replaceChildren(...Object.entries(balances).map(([id, n]) => row([id, n])));
  const list = Array.isArray(found) ? found : (found.result ?? []);
  $("artifacts").replaceChildren(...list.map((a) => row([a.id, a.kind, a.owner])));
}
let pending = null;
function refreshSoon() {
  pending ??= setTimeout(() => { pending = null; refresh(); }, 200);
}
async function follow() {
  const r = await fetch("/events", { headers: { authorization: "Bearer " + token } });
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\\n\\n")) >= 0) {
      const chunk = buffer.slice(0, end); buffer = buffer.slice(end + 2);
      const data = chunk.split("\\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\\n");
      if (!data) continue;
      const e = JSON.parse(data);
      $("events").append(row([e.seq, e.type, e.actor, e.target ?? "", JSON.stringify(e.data)]));
      refreshSoon();
    }
  }
}
function connect() { token = $("token").value.trim(); refresh(); follow(); }
$("login").addEventListener("submit", (ev) => { ev.preventDefault(); connect(); });
// #token=... connects at once; a fragment never reaches the server or its logs.
if (location.hash.startsWith("#token=")) { $("token").value = decodeURIComponent(location.hash.slice(7)); connect(); }
</script>
</body>
</html>
`;
