// `pnpm bench` (apps/explorer): the explorer's page weight, and its first render in Debian's
// Chromium on a log of 100,000 events beside a baseline of a few hundred events measured in the
// same run (same machine, same load). Times are wall clock from navigation to the view's data
// on screen, median of 5 cold page loads each.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createServer, type EcologyServer } from "@ecology/server";
import type { Browser } from "playwright-core";
import { launchChromium } from "../src/test-fixtures/browser.js";

const dist = new URL("../dist/", import.meta.url);
const RUNS = 5;

function pageWeight(): { raw: number; gzip: number; files: string[] } {
  const files = ["index.html", ...readdirSync(new URL("assets/", dist)).map((f) => `assets/${f}`)];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(new URL(file, dist));
    raw += statSync(new URL(file, dist)).size;
    gzip += gzipSync(bytes).length;
  }
  return { raw, gzip, files };
}

/** Seeds about `events` events: principals, then mints and data updates in turn. */
function seed(kernel: Kernel, events: number): number {
  const principals = 50;
  for (let p = 0; p < principals; p++) kernel.createPrincipal(`agent_${p}`, { scrip: 100 });
  for (let i = 0; i < events - principals * 2; i++) {
    const who = `agent_${i % principals}`;
    if (i % 3 === 0) kernel.write(who, `note_${who}_${i % 7}`, { i });
    else kernel.mint(who, 1);
    if (i % 10_000 === 0 && i > 0) process.stdout.write(".");
  }
  const v = kernel.verifyLog();
  return v.ok ? v.count : -1;
}

async function serve(
  events: number,
): Promise<{ server: EcologyServer; kernel: Kernel; count: number }> {
  const kernel = await createKernel();
  const count = seed(kernel, events);
  const dir = join(mkdtempSync(join(tmpdir(), "eco-explorer-bench-")), ".ecology");
  const server = await createServer({ kernel, dir, port: 0 });
  return { server, kernel, count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median ms from navigation to `selector` on a fresh page, over RUNS loads. */
async function firstRender(browser: Browser, url: string, selector: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await page.locator(selector).first().waitFor({ timeout: 60_000 });
    times.push(performance.now() - start);
    await context.close();
  }
  return median(times);
}

async function measure(browser: Browser, events: number) {
  const { server, kernel, count } = await serve(events);
  const token = server.credentials.viewerToken();
  const overview = await firstRender(browser, `${server.url}/#token=${token}`, "#total-events");
  // The events view: hash route first, token after it is stored — as a shared link is opened.
  const eventsUrl = `${server.url}/#token=${token}`;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(eventsUrl);
    await page.locator("#total-events").waitFor();
    const start = performance.now();
    await page.evaluate(() => {
      location.hash = "#/events?principal=agent_7";
    });
    await page.locator("#event-filters ~ table tbody tr td a").first().waitFor();
    times.push(performance.now() - start);
    await context.close();
  }
  await server.close();
  kernel.close();
  return { count, overview, events: median(times) };
}

const weight = pageWeight();
const browser = await launchChromium();
const baseline = await measure(browser, 300);
const large = await measure(browser, 100_000);
await browser.close();
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
console.log(`
explorer bench — commit ${commit}, load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")}
page weight (${weight.files.join(", ")}): ${weight.raw} bytes, ${weight.gzip} bytes gzipped
first render, median of ${RUNS} cold loads   baseline (${baseline.count} events)   ${large.count} events   ratio
  overview (totals + latest events)        ${baseline.overview.toFixed(0)} ms   ${large.overview.toFixed(0)} ms   ${ratio(large.overview, baseline.overview)}
  events filtered by principal             ${baseline.events.toFixed(0)} ms   ${large.events.toFixed(0)} ms   ${ratio(large.events, baseline.events)}
`);
