import { readFileSync } from "node:fs";
import type { ArtifactSummary, Envelope, KernelEvent } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactRows,
  balanceRows,
  eventRow,
  failureMessage,
  resultOf,
  TABLES,
  TOKEN_REFUSED,
  takeSseMessages,
} from "./explorer/explorer.js";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.rpc(h.alice, "deploy", { id: "counter", code: COUNTER });
});
afterAll(() => h.close());

/** What the page's script does for a request: the status and the parsed body. */
async function asThePage(path: string, token: string, init: RequestInit = {}) {
  const response = await fetch(`${h.server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const rpcBody = (method: string) => JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: {} });

describe("explorer page", () => {
  it("is markup whose script is the real file, served with restrictive headers", async () => {
    const page = await fetch(`${h.server.url}/`);
    const html = await page.text();
    expect(html).toBe(readFileSync(new URL("./explorer/index.html", import.meta.url), "utf8"));
    expect(html).toContain('<script type="module" src="/explorer.js"></script>');
    expect(html).not.toMatch(/<script(?! type="module" src="\/explorer\.js")/);
    const script = readFileSync(new URL("./explorer/explorer.js", import.meta.url), "utf8");
    // Every element the script looks up by id is on the page.
    const ids = [...script.matchAll(/\$\("(\w+)"\)/g)].map((m) => m[1]);
    for (const id of new Set([...Object.keys(TABLES), "status", ...ids]))
      expect(html).toContain(`id="${id}"`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const served = await fetch(`${h.server.url}/explorer.js`);
    expect(served.headers.get("content-type")).toContain("text/javascript");
    expect(await served.text()).toBe(script);
  });

  it("says the token is not accepted instead of showing empty tables", async () => {
    for (const token of ["wrong", ""]) {
      const rpc = await asThePage("/rpc", token, { method: "POST", body: rpcBody("balances") });
      expect(failureMessage(rpc.status, rpc.body)).toBe(TOKEN_REFUSED);
      const events = await asThePage("/events", token);
      expect(failureMessage(events.status, events.body)).toBe(TOKEN_REFUSED);
    }
    expect(TOKEN_REFUSED).toContain("ecology dev");
  });

  it("shows other failures with their code, message and hint", async () => {
    const unknown = await asThePage("/rpc", h.alice, { method: "POST", body: rpcBody("nope") });
    expect(failureMessage(unknown.status, unknown.body)).toMatch(
      /^unknown_method: no method .* — /,
    );
    const badFilter = await asThePage("/events?types=NOPE", h.alice);
    expect(failureMessage(badFilter.status, badFilter.body)).toMatch(/^invalid_argument: /);
    expect(failureMessage(502, undefined)).toContain("HTTP 502");
    expect(() =>
      resultOf({ success: false, error: { code: "internal", message: "disk" } }),
    ).toThrow("internal: disk");
  });

  it("gives every table rows as wide as its header row, from real answers", async () => {
    const balances = (await h.rpc(h.alice, "balances", {})).result as Envelope<{
      [id: string]: number;
    }>;
    const artifacts = (await h.rpc(h.alice, "artifacts", {})).result as Envelope<ArtifactSummary[]>;
    const balanceTable = balanceRows(resultOf(balances));
    const artifactTable = artifactRows(resultOf(artifacts));
    expect(balanceTable).toContainEqual(["alice", 100]);
    expect(artifactTable).toContainEqual(["counter", "contract", "alice"]);
    const events = await h.kernel.events({ limit: 100 });
    if (!events.success) throw new Error(events.error.message);
    const eventTable = events.result.events.map(eventRow);
    for (const [name, rows] of [
      ["balances", balanceTable],
      ["artifacts", artifactTable],
      ["events", eventTable],
    ] as const) {
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(row, name).toHaveLength(TABLES[name].length);
    }
  });

  it("reads the events out of the real stream, across chunk boundaries", async () => {
    const response = await fetch(`${h.server.url}/events?after=0`, {
      headers: { authorization: `Bearer ${h.alice}` },
    });
    const all = await h.kernel.events({ limit: 100 });
    if (!all.success) throw new Error(all.error.message);
    const want = all.result.events.length;
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    const seen: KernelEvent[] = [];
    let buffer = "";
    while (reader && seen.length < want) {
      const { value, done } = await reader.read();
      if (done) break;
      // Feed it in two halves, as a network may cut it anywhere.
      for (const part of [value.slice(0, value.length / 2), value.slice(value.length / 2)]) {
        const taken = takeSseMessages(buffer + part);
        buffer = taken.rest;
        expect(taken.messages.every((m) => m.event === "message")).toBe(true);
        seen.push(...taken.messages.map((m) => JSON.parse(m.data) as KernelEvent));
      }
    }
    await reader?.cancel();
    expect(seen).toEqual(all.result.events);
  });
});
