// @ts-check
// The explorer page's script, served as-is at /explorer.js (no build step, no framework), and
// type-checked by tsc against @ecology/protocol's wire types (tsconfig.explorer.json). The
// exported functions are pure (no DOM) so Node tests drive them; `boot()` wires them to the
// page and runs only in a browser.

/**
 * @typedef {import("@ecology/protocol").ArtifactSummary} ArtifactSummary
 * @typedef {import("@ecology/protocol").KernelEvent} KernelEvent
 * @typedef {import("@ecology/protocol").RpcError} RpcError
 * @typedef {import("@ecology/protocol").RpcMethod} RpcMethod
 */
/**
 * @template T
 * @typedef {import("@ecology/protocol").Envelope<T>} Envelope
 */
/** @typedef {{ event: string, data: string }} SseMessage */

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
 * The one line to show for a failed request: the token message for HTTP 401 / JSON-RPC -32001,
 * else the server's code, message and hint. Every route refuses with `{ error: RpcError }`.
 *
 * @param {number} status the HTTP status
 * @param {unknown} body the parsed answer, if it was JSON
 * @returns {string}
 */
export function failureMessage(status, body) {
  const error = /** @type {{ error?: RpcError } | undefined} */ (body)?.error;
  if (status === 401 || error?.code === -32001) return TOKEN_REFUSED;
  if (!error?.data) return `the server answered HTTP ${status} without an explanation`;
  const { code, hint } = error.data;
  return `${code}: ${error.message}${hint ? ` — ${hint}` : ""}`;
}

/**
 * The result of a success envelope; a failure envelope throws its code and message.
 *
 * @template T
 * @param {Envelope<T>} envelope
 * @returns {T}
 */
export function resultOf(envelope) {
  if (!envelope.success) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
}

/**
 * The rows of a `balances` result.
 *
 * @param {{ [id: string]: number }} balances
 * @returns {(string | number)[][]}
 */
export function balanceRows(balances) {
  return Object.entries(balances).map(([id, n]) => [id, n]);
}

/**
 * The rows of an `artifacts` result.
 *
 * @param {ArtifactSummary[]} artifacts
 * @returns {string[][]}
 */
export function artifactRows(artifacts) {
  return artifacts.map((a) => [a.id, a.kind, a.owner]);
}

/**
 * The row of one event.
 *
 * @param {KernelEvent} e
 * @returns {(string | number)[]}
 */
export function eventRow(e) {
  return [e.seq, e.type, e.actor, e.target ?? "", JSON.stringify(e.data)];
}

/**
 * Splits complete Server-Sent Events messages off `buffer`: each message's event name (`message`
 * unless named, `error` when the server ended the stream) and data, and the unfinished rest.
 *
 * @param {string} buffer
 * @returns {{ messages: SseMessage[], rest: string }}
 */
export function takeSseMessages(buffer) {
  /** @type {SseMessage[]} */
  const messages = [];
  let rest = buffer;
  for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
    const lines = rest.slice(0, end).split("\n");
    rest = rest.slice(end + 2);
    const field = (/** @type {string} */ name) =>
      lines
        .filter((l) => l.startsWith(`${name}:`))
        .map((l) => l.slice(name.length + 1).trimStart());
    const data = field("data").join("\n");
    if (data) messages.push({ event: field("event")[0] ?? "message", data });
  }
  return { messages, rest };
}

/**
 * The element with id `id` (every id the script uses is in index.html; a test checks it).
 *
 * @param {string} id
 * @returns {HTMLElement}
 */
function $(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

function boot() {
  let token = "";

  /**
   * @param {"th" | "td"} tag
   * @param {unknown[]} values
   */
  function cells(tag, values) {
    const tr = document.createElement("tr");
    for (const v of values) {
      const cell = document.createElement(tag);
      cell.textContent = String(v);
      tr.append(cell);
    }
    return tr;
  }
  /**
   * @param {keyof typeof TABLES} name
   * @param {unknown[][]} rows
   */
  function fill(name, rows) {
    const head = document.createElement("thead");
    head.append(cells("th", TABLES[name]));
    const body = document.createElement("tbody");
    body.append(...rows.map((r) => cells("td", r)));
    $(name).replaceChildren(head, body);
  }
  /** @param {string} message */
  function show(message) {
    const status = $("status");
    status.textContent = message;
    status.hidden = message === "";
  }

  /**
   * Calls a method; every method answers an envelope (or the request is refused).
   *
   * @param {RpcMethod} method
   * @returns {Promise<Envelope<unknown>>}
   */
  async function rpc(method) {
    const r = await fetch("/rpc", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: {} }),
    });
    const body = await r.json().catch(() => undefined);
    if (!r.ok || body?.error) throw new Error(failureMessage(r.status, body));
    return body.result;
  }
  async function refresh() {
    // Fetch first, then swap the rows in one go, so overlapping refreshes never mix rows.
    const [balances, artifacts] = await Promise.all([rpc("balances"), rpc("artifacts")]);
    fill("balances", balanceRows(/** @type {{ [id: string]: number }} */ (resultOf(balances))));
    fill("artifacts", artifactRows(/** @type {ArtifactSummary[]} */ (resultOf(artifacts))));
  }
  /** @type {ReturnType<typeof setTimeout> | null} */
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
  /** @param {AbortSignal} signal */
  async function follow(signal) {
    const headers = { authorization: `Bearer ${token}` };
    const r = await fetch("/events", { headers, signal });
    if (!r.ok || !r.body)
      throw new Error(failureMessage(r.status, await r.json().catch(() => undefined)));
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the event stream ended (is `ecology dev` still running?)");
      const taken = takeSseMessages(buffer + value);
      buffer = taken.rest;
      for (const { event, data } of taken.messages) {
        if (event === "error") throw new Error(failureMessage(200, { error: JSON.parse(data) }));
        $("events")
          .querySelector("tbody")
          ?.append(cells("td", eventRow(JSON.parse(data))));
      }
      if (taken.messages.length > 0) refreshSoon();
    }
  }
  function connect() {
    token = /** @type {HTMLInputElement} */ ($("token")).value.trim();
    following.abort();
    following = new AbortController();
    const { signal } = following;
    show("");
    for (const name of tableNames()) fill(name, []);
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
    /** @type {HTMLInputElement} */ ($("token")).value = decodeURIComponent(location.hash.slice(7));
    connect();
  } else {
    for (const name of tableNames()) fill(name, []);
  }
}

/** @returns {(keyof typeof TABLES)[]} */
function tableNames() {
  return /** @type {(keyof typeof TABLES)[]} */ (Object.keys(TABLES));
}

if (typeof document !== "undefined") boot();
