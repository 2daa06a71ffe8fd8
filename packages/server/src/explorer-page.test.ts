import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createKernel } from "@ecology/kernel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { createCredentialStore } from "./credentials.js";
import { createDispatcher } from "./dispatcher.js";
import { EXPLORER_HEADERS, loadExplorerAssets } from "./explorer-page.js";
import { type Harness, startHarness } from "./test-fixtures/harness.js";

/** The built explorer (apps/explorer/dist), which the server serves from the workspace. */
const built = new URL("../../../apps/explorer/dist/", import.meta.url);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function expectExplorerHeaders(response: Response): void {
  const csp = response.headers.get("content-security-policy") ?? "";
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
  ])
    expect(csp).toContain(directive);
  expect(csp).not.toContain("unsafe");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
}

describe("the explorer at /", () => {
  it("serves the built app's page, without a token, with restrictive headers", async () => {
    const page = await fetch(`${h.server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expectExplorerHeaders(page);
    expect(await page.text()).toBe(readFileSync(new URL("index.html", built), "utf8"));
  });

  it("has no inline script or style: only files of its own, each served with the same headers", async () => {
    const html = await (await fetch(`${h.server.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/assets\/[\w.-]+\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const linked = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual(["/assets/explorer.css", "/assets/explorer.js"]);
    for (const path of linked) {
      const asset = await fetch(`${h.server.url}${path}`);
      expect(asset.status, path).toBe(200);
      expectExplorerHeaders(asset);
      const name = path?.split("/").pop() ?? "";
      expect(await asset.text()).toBe(readFileSync(new URL(`assets/${name}`, built), "utf8"));
      expect(asset.headers.get("content-type")).toMatch(
        name.endsWith(".js") ? /javascript/ : /css/,
      );
    }
  });

  it("serves only the built files: other asset names and paths are coded 404s", async () => {
    for (const path of [
      "/assets/nope.js",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/",
      "/index.html",
    ]) {
      const response = await fetch(`${h.server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { data: { code: "not_found" } } });
    }
  });

  it("answers 503 with what to do when the explorer was not built", async () => {
    const missing = loadExplorerAssets([pathToFileURL(`${mkdtempSync(join(tmpdir(), "eco-"))}/`)]);
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining("pnpm build") });
    const kernel = await createKernel();
    const credentials = createCredentialStore(join(mkdtempSync(join(tmpdir(), "eco-")), ".e"));
    const app = createApp({
      dispatcher: createDispatcher({ kernel, credentials }),
      explorer: missing,
    });
    const response = await app.request("/", { headers: { host: "127.0.0.1" } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("pnpm build");
    expect(response.headers.get("x-frame-options")).toBe(EXPLORER_HEADERS["x-frame-options"]);
    await kernel.close();
  });

  it("is written without HTML parsing of data: no innerHTML, insertAdjacentHTML or eval", () => {
    const src = new URL("../../../apps/explorer/src/", import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(new URL(file, src), "utf8");
      expect(text, file).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|\beval\(|new Function/,
      );
    }
  });
});
