// The explorer page's script, served as-is at /explorer.js (no build step, no framework). The
// exported functions are pure (no DOM) so Node tests drive them; `boot()` wires them to the page
// and runs only in a browser. Types: explorer.d.ts.

/** The columns of each table; every table gets this header row. */
export const TABLES = {
  balances: ["principal", "balance"],
  artifacts: ["id", "kind", "owner"],
  events: ["seq", "type", "actor", "target", "data"],
};

/** The message shown for a refused or missing token. */
export const TOKEN_REFUSED =
  "This token is not accepted — paste a token from the files `ecology dev` lists: " +
  ".ecology/operator.token or .ecology/tokens/<id>.token.";

/**
 * The one line to show for a failed request: the token message for HTTP 401 / JSON-RPC
 * -32001, else the server's code, message and hint (JSON-RPC `error` or the `/events` shape).
 */
export function failureMessage(status, body) {
  const error = body && typeof body === "object" ? body.error : undefined;
  if (status === 401 || error?.code === -32001) return TOKEN_REFUSED;
  if (!error) return `the server answered HTTP ${status} without an explanation`;
  const code = typeof error.code === "string" ? error.code : (error.data?.code ?? error.code);
  const hint = error.hint ?? error.data?.hint;
  return `${code}: ${error.message}${hint ? ` — ${hint}` : ""}`;
}

/** The rows of a `balances` result. */
export function balanceRows(balances) {
  return Object.entries(balances).map(([id, n]) => [id, n]);
}

/** The rows of an `artifacts` envelope; a failure envelope throws its message. */
export function artifactRows(envelope) {
  if (!envelope.success) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result.map((a) => [a.id, a.kind, a.owner]);
}

/** The row of one event. */
export function eventRow(e) {
  return [e.seq, e.type, e.actor, e.target ?? "", JSON.stringify(e.data)];
}

/** Splits complete Server-Sent Events messages off `buffer`: their `data` and the rest. */
export function takeSseData(buffer) {
  const data = [];
  let rest = buffer;
  for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
    const lines = rest.slice(0, end).split("\n");
    rest = rest.slice(end + 2);
    const text = lines
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).trimStart())
      .join("\n");
    if (text) data.push(text);
  }
  return { data, rest };
}

function boot() {
  const $ = (id) => document.getElementById(id);
  let token = "";

  function cells(tag, values) {
    const tr = document.createElement("tr");
    for (const v of values) {
      const cell = document.createElement(tag);
      cell.textContent = String(v);
      tr.append(cell);
    }
    return tr;
  }
  function fill(name, rows) {
    const head = document.createElement("thead");
    head.append(cells("th", TABLES[name]));
    const body = document.createElement("tbody");
    body.append(...rows.map((r) => cells("td", r)));
    $(name).replaceChildren(head, body);
  }
  function show(message) {
    $("status").textContent = message;
    $("status").hidden = message === "";
  }

  async function rpc(method, params = {}) {
    const r = await fetch("/rpc", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = await r.json().catch(() => undefined);
    if (!r.ok || body?.error) throw new Error(failureMessage(r.status, body));
    return body.result;
  }
  async function refresh() {
    // Fetch first, then swap the rows in one go, so overlapping refreshes never mix rows.
    const [balances, found] = await Promise.all([rpc("balances"), rpc("artifacts", {})]);
    fill("balances", balanceRows(balances));
    fill("artifacts", artifactRows(found));
  }
  let pending = null;
  function refreshSoon() {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      refresh().catch((e) => show(e.message));
    }, 200);
  }
  // Connecting again ends the previous stream: the server caps streams per token.
  let following = new AbortController();
  async function follow(signal) {
    const headers = { authorization: `Bearer ${token}` };
    const r = await fetch("/events", { headers, signal });
    if (!r.ok) throw new Error(failureMessage(r.status, await r.json().catch(() => undefined)));
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the event stream ended (is `ecology dev` still running?)");
      const taken = takeSseData(buffer + value);
      buffer = taken.rest;
      for (const text of taken.data)
        $("events").tBodies[0]?.append(cells("td", eventRow(JSON.parse(text))));
      if (taken.data.length > 0) refreshSoon();
    }
  }
  function connect() {
    token = $("token").value.trim();
    following.abort();
    following = new AbortController();
    const { signal } = following;
    show("");
    for (const name of Object.keys(TABLES)) fill(name, []);
    refresh()
      .then(() => follow(signal))
      .catch((e) => {
        if (!signal.aborted) show(e.message);
      });
  }
  $("login").addEventListener("submit", (ev) => {
    ev.preventDefault();
    connect();
  });
  // #token=... connects at once; a fragment never reaches the server or its logs.
  if (location.hash.startsWith("#token=")) {
    $("token").value = decodeURIComponent(location.hash.slice(7));
    connect();
  } else {
    for (const name of Object.keys(TABLES)) fill(name, []);
  }
}

if (typeof document !== "undefined") boot();
