import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml, runScenarioFile, type SimulationReport } from "../index.js";

// The pool example's A/B (the "done when"): the real pool against one that pays per head.
const repo = resolve(import.meta.dirname, "..", "..", "..", "..");
const scenarios = join(repo, "examples", "pool", "scenarios");
const artifacts = join(repo, "packages", "simulate", "test-artifacts");
let report: SimulationReport;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  report = await runScenarioFile(join(scenarios, "pool.ts"), {
    compare: join(scenarios, "broken-pool.ts"),
  });
  mkdirSync(artifacts, { recursive: true });
  const file = join(artifacts, "pool-ab.html");
  writeFileSync(file, renderHtml(report));
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  // Offline means offline: any request but the file itself is recorded and refused.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe("the HTML report in Chromium", () => {
  it("loads offline: no request leaves the file", async () => {
    await page.locator("footer").waitFor();
    expect(requests).toEqual([]);
    expect(await page.title()).toBe(`Simulation: pool vs broken pool (pays per head) (seed 42)`);
  });

  it("draws the profit chart with a visible line per persona, for A and for B", async () => {
    for (const chart of ["figure.chart-profit", "figure.chart-profit-b"]) {
      const lines = page.locator(`${chart} polyline.series`);
      expect(await lines.count()).toBe(4);
      for (const line of await lines.all()) {
        const box = await line.boundingBox();
        expect((box?.width ?? 0) > 300, chart).toBe(true);
      }
      expect(await page.locator(`${chart} .legend .key`).allTextContents()).toEqual([
        "honest",
        "customer",
        "free-rider",
        "sybil",
      ]);
    }
  });

  it("draws one bar per agent in the distribution chart", async () => {
    const bars = page.locator("#a-distribution rect.bar");
    expect(await bars.count()).toBe(report.distribution.length);
    const tallest = await bars.first().boundingBox();
    expect(tallest?.height ?? 0).toBeGreaterThan(50);
  });

  it("shows the persona, exploitation and A/B tables, and B's violation with its counterexample", async () => {
    expect(await page.locator("#a-profit table.profit tbody tr").count()).toBe(4);
    expect(await page.locator("#compare table.compare").textContent()).toMatch(
      /profit: free-rider/,
    );
    const violation = page.locator("#b-violations article.violation").first();
    await expect.poll(() => violation.isVisible()).toBe(true);
    expect(await violation.locator("h3").textContent()).toBe("payouts follow contributions");
    expect(await violation.locator(":scope > table.ops tbody tr").count()).toBe(4);
    expect(await page.locator("#a-violations p.none").textContent()).toMatch(
      /No invariant was broken/,
    );
    // The setup is folded away until asked for.
    const setup = violation.locator("details table.ops");
    expect(await setup.isVisible()).toBe(false);
    await violation.locator("details summary").click();
    expect(await setup.isVisible()).toBe(true);
  });

  it("saves screenshots (the README's when ECOLOGY_SCREENSHOTS=1)", async () => {
    await page.locator("#b-violations details").evaluate((d) => d.removeAttribute("open"));
    await page.locator("h1").scrollIntoViewIfNeeded();
    const top = await page.screenshot({
      fullPage: true,
      clip: { x: 0, y: 0, width: 1100, height: 1640 },
    });
    writeFileSync(join(artifacts, "pool-ab-top.png"), top);
    await page.locator("#compare").scrollIntoViewIfNeeded();
    const compare = await page.locator("#compare > table.compare").screenshot();
    writeFileSync(join(artifacts, "pool-ab-compare.png"), compare);
    if (process.env.ECOLOGY_SCREENSHOTS === "1") {
      const images = join(repo, "docs", "images");
      mkdirSync(images, { recursive: true });
      writeFileSync(join(images, "simulate-report.png"), top);
    }
    expect(top.length).toBeGreaterThan(10_000);
  });
});
