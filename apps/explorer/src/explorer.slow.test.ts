// The explorer in a real Chromium, on a real `ecology dev` process, through a scripted economy:
// every view, the filters, live updates without reload, a refused token; screenshots of each
// view go to docs/images/explorer-*.png (shown in the server's README).
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./test-fixtures/browser.js";
import { type DevProcess, startDev } from "./test-fixtures/dev-process.js";
import { BOOM_LINE, DIARY_SECRET, type Economy, scriptEconomy } from "./test-fixtures/economy.js";

const images = fileURLToPath(new URL("../../../docs/images/", import.meta.url));
let dev: DevProcess;
let economy: Economy;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  const cwd = mkdtempSync(join(tmpdir(), "eco-explorer-"));
  dev = await startDev(cwd);
  dir = join(cwd, ".ecology");
  economy = await scriptEconomy(dev.url, dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  mkdirSync(images, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  expect(await dev?.stop()).toBe(0);
});

/** Goes to a hash route and waits until its view (heading `title`) has rendered. */
async function show(hash: string, title: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.locator("main h1", { hasText: title }).first().waitFor();
  await page.locator('main[aria-busy="false"]').waitFor();
}

/** The text of every row of the first table under `main` (cells joined by " | "). */
async function rows(): Promise<string[]> {
  return page
    .locator("main table tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim()).join(" | "),
      ),
    );
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(images, `explorer-${name}.png`), fullPage: true });
}

describe("the explorer on a real ecology dev", () => {
  it("opens from the printed URL, keeps the token out of the address bar, shows the totals", async () => {
    await page.goto(dev.explorer);
    await page.locator("#total-events").waitFor();
    expect(page.url()).not.toContain("token");
    const head = await economy.operator.call("events", { limit: 1000 });
    const count = head.success ? head.result.events.length : -1;
    expect(await page.locator("#total-events").textContent()).toBe(String(count));
    expect(await page.locator("#total-principals").textContent()).toBe("3");
    // 4 genesis artifacts + oracle, broker, report, diary
    expect(await page.locator("#total-artifacts").textContent()).toBe("8");
    expect(await page.locator("#total-minted").textContent()).toBe("210");
    await shoot("overview");
  });

  it("lists artifacts with owner, policy, prices and escrow status, and filters them", async () => {
    await show("#/artifacts", "Artifacts");
    const table = await rows();
    expect(table.find((r) => r.startsWith("oracle |"))).toMatch(/contract \| alice \| .*invoke 2/);
    expect(table.find((r) => r.startsWith("report |"))).toMatch(/data \| bob \| .*completed/);
    expect(table.find((r) => r.startsWith("diary |"))).toMatch(/read: alice/);
    await shoot("artifacts");
    await page.fill("#artifact-filters input[name=owner]", "bob");
    await page.click("#artifact-filters button");
    await page.waitForFunction(() => location.hash.includes("owner=bob"));
    await page.locator('main[aria-busy="false"]').waitFor();
    const bobs = await rows();
    expect(bobs.map((r) => r.split(" | ")[0]).sort()).toEqual(["broker", "report"]);
  });

  it("shows an artifact's manifest and events, and never protected content", async () => {
    await show("#/artifact/oracle", "Artifact oracle");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("quote");
    expect(text).toContain("boom");
    await shoot("artifact");
    await show("#/artifact/diary", "Artifact diary");
    expect(await page.locator("main").textContent()).not.toContain(DIARY_SECRET);
    await show("#/events", "Events");
    expect(await page.locator("main").textContent()).not.toContain(DIARY_SECRET);
  });

  it("lists principals with their balances and links to each", async () => {
    await show("#/principals", "Principals and balances");
    const balances = await economy.operator.call("balances", {});
    const table = await rows();
    for (const id of ["alice", "bob", "carol"]) {
      const want = balances.success ? balances.result[id] : -1;
      expect(table.join("\n")).toMatch(new RegExp(`^${id} \\| ${want} \\|`, "m"));
    }
    await shoot("principals");
    await page.click("main table a >> text=carol");
    await page.locator("main h1", { hasText: "Principal carol" }).waitFor();
    await page.locator('main[aria-busy="false"]').waitFor();
    expect(await page.locator("main").textContent()).toContain("contract.quoted");
  });

  it("filters events by type, principal and artifact", async () => {
    await show("#/events", "Events");
    await page.fill("#filter-type", "invoke.failed");
    await page.click("#event-filters button");
    await page.waitForFunction(() => location.hash.includes("type=invoke.failed"));
    await page.locator('main[aria-busy="false"]').waitFor();
    const failed = await rows();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain("invoke.failed");
    expect(failed[0]).toContain("the oracle is down");
    await show("#/events?principal=carol", "Events");
    const carol = await rows();
    expect(carol.length).toBeGreaterThan(1);
    for (const row of carol) expect(row).toContain("carol");
    await show("#/events?artifact=report", "Events");
    const report = await rows();
    expect(report.some((r) => r.includes("escrow.purchased"))).toBe(true);
    for (const row of report) expect(row).toContain("report");
  });

  it("adds new events to the live view without a reload", async () => {
    await show("#/events", "Events");
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const before = (await rows()).length;
    const minted = await economy.operator.call("mint", { id: "carol", amount: 7 });
    expect(minted.success).toBe(true);
    await page.locator("main tbody tr.new", { hasText: "scrip.minted" }).first().waitFor();
    expect((await rows()).length).toBe(before + 1);
    expect((await rows())[0]).toContain('"amount":7');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    expect(await page.locator("#live-status").textContent()).toContain("1 new");
    await shoot("events");
  });

  it("shows a transaction's trace: the failing nested frame at its TypeScript line, and that nothing moved", async () => {
    await show(`#/events?type=invoke.failed`, "Events");
    await page.click(`main table a >> text=${economy.failedTx}`);
    await page.locator("main h1", { hasText: `Transaction ${economy.failedTx}` }).waitFor();
    await page.locator('main[aria-busy="false"]').waitFor();
    expect(await page.locator("#tx-summary").textContent()).toBe(
      "bob called broker.ask (1 nested call, 1 failed and rolled back)",
    );
    expect(await page.locator("#tx-failed").textContent()).toBe("1");
    const failing = await page.locator(".failing-frame").textContent();
    expect(failing).toContain("✗ invalid_state: the oracle is down");
    expect(failing).toMatch(new RegExp(`oracle\\.ts:${BOOM_LINE}:\\d+`));
    expect(await page.locator("li.frame.rolled-back").first().textContent()).toContain(
      "broker → oracle.boom()",
    );
    // The oracle's price was paid inside the failed call and rolled back with it.
    expect(await page.locator("#tx-nothing-moved").textContent()).toBe("Nothing moved.");
    const events = (await rows()).map((r) => r.split(" | ")[3]);
    expect(events).toEqual(
      expect.arrayContaining(["invoke.failed", "contract.asked", "invoke.succeeded"]),
    );
    await shoot("tx");
  });

  it("draws the scrip flows of an escrow purchase", async () => {
    const page1 = await economy.operator.call("events", { types: ["escrow.purchased"] });
    const bought = page1.success ? page1.result.events[0]?.tx : undefined;
    await show(`#/tx/${bought}`, `Transaction ${bought}`);
    expect(await page.locator("#tx-summary").textContent()).toBe(
      "bob bought report from alice through genesis_escrow for 30 scrip",
    );
    expect(await page.locator("svg.flow-graph text").allTextContents()).toEqual(
      expect.arrayContaining(["bob", "alice", "30"]),
    );
    await shoot("tx-flow");
  });

  it("shows escrow listings by status", async () => {
    await show("#/listings", "Escrow listings");
    const table = await rows();
    expect(table).toEqual([expect.stringMatching(/^report \| alice \| 30 \| completed \| bob \|/)]);
    await shoot("listings");
    await show("#/listings?status=active", "Escrow listings");
    expect(await rows()).toEqual(["No listings."]);
  });

  it("says the token is refused (or missing) instead of showing empty tables", async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${dev.url}/#token=ecology_view_wrong`);
    const problem = fresh.locator("#token-problem");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("did not accept this token");
    expect(await fresh.locator("main table").count()).toBe(0);
    await fresh.screenshot({ path: join(images, "explorer-refused.png") });
    const other = await browser.newContext();
    const missing = await other.newPage();
    await missing.goto(`${dev.url}/`);
    await missing.locator("#token-problem").waitFor();
    expect(await missing.locator("#token-problem").textContent()).toContain("No token");
    expect(readFileSync(join(dir, "viewer.token"), "utf8")).toContain("ecology_view_");
    await other.close();
    await fresh.close();
  });
});
