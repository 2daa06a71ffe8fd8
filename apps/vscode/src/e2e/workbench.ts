import { join } from "node:path";
import type { Locator, Page } from "playwright-core";

/** Long enough for a cold language server and a CLI deploy on a busy 2-core machine. */
export const SLOW = 180_000;

/**
 * Drives a VS Code workbench in a page: the command palette, quick open, screenshots. Every
 * step waits on a selector, never on time.
 */
export class Workbench {
  #step = 0;

  constructor(
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  /** Saves `NN-name.png` under the artifacts folder. */
  async screenshot(name: string): Promise<string> {
    this.#step += 1;
    const file = join(this.artifacts, `${String(this.#step).padStart(2, "0")}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The quick input's list row whose text contains `text`. */
  quickPickRow(text: string): Locator {
    return this.page.locator(".quick-input-widget .monaco-list-row", { hasText: text }).first();
  }

  /** Runs the command whose palette title starts with `title` ("Ecology: Start Local Kernel"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press("F1");
    const input = this.page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(`>${title}`);
    // Match the title, not the fuzzy filter's first row: that may be a recently used look-alike.
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
    const row = this.page
      .locator(".quick-input-widget .monaco-list-row")
      .filter({ has: this.page.locator(".label-name", { hasText: exact }) })
      .first();
    await row.waitFor({ state: "visible", timeout: SLOW });
    await row.click();
  }

  /** Opens a workspace file through Quick Open and waits for its editor tab to be active. */
  async openFile(name: string): Promise<void> {
    await this.runCommand("Go to File");
    const input = this.page.locator(".quick-input-widget input");
    await input.fill(name);
    await this.quickPickRow(name).waitFor({ state: "visible", timeout: SLOW });
    await input.press("Enter");
    await this.page.locator(".tab.active", { hasText: name }).waitFor({ timeout: SLOW });
  }

  /** The quick input while it shows `title` (each input box and pick of a command has its own). */
  inputTitled(title: string): Locator {
    return this.page.locator(".quick-input-widget", {
      has: this.page.locator(".quick-input-title", { hasText: title }),
    });
  }

  /**
   * Types into the quick input titled `title` and accepts it. Waiting for the title, not just
   * for an input, keeps keys from landing in the previous box or in the editor between boxes.
   */
  async answerInput(title: string, text: string): Promise<void> {
    const widget = this.inputTitled(title);
    await widget.waitFor({ state: "visible", timeout: SLOW });
    const input = widget.locator("input").first();
    await input.fill(text);
    await input.press("Enter");
  }

  /**
   * Opens the quick fix menu at the cursor until it lists `fix`. A request that races the
   * server's analysis answers "No code actions available"; then it asks again, at most `tries`
   * times, each time waiting for one of the two outcomes on screen.
   */
  async openQuickFix(fix: Locator, tries = 10): Promise<boolean> {
    const none = this.page.locator(".monaco-editor-overlaymessage", { hasText: "No code actions" });
    for (let attempt = 0; attempt < tries; attempt++) {
      await this.page.keyboard.press("Control+.");
      const offered = await Promise.race([
        fix
          .first()
          .waitFor({ timeout: SLOW })
          .then(() => true),
        none
          .first()
          .waitFor({ timeout: SLOW })
          .then(() => false),
      ]);
      if (offered) return true;
      await this.page.keyboard.press("Escape");
      await none.first().waitFor({ state: "hidden", timeout: SLOW });
    }
    return false;
  }

  /** A notification toast whose text contains `text`. */
  notification(text: string): Locator {
    return this.page.locator(".notification-toast", { hasText: text }).first();
  }

  /** A code lens link above the active editor's code. */
  codeLens(title: string): Locator {
    return this.page.locator(".monaco-editor .codelens-decoration a", { hasText: title }).first();
  }

  /** A row of the Problems panel. */
  problem(text: string): Locator {
    return this.page.locator(".markers-panel .monaco-list-row", { hasText: text }).first();
  }

  /** A row of one of the extension's views, by the view's title. */
  viewRow(view: string, text: string): Locator {
    return this.page
      .locator(".pane", { has: this.page.locator(".pane-header", { hasText: view }) })
      .locator(".monaco-list-row", { hasText: text })
      .first();
  }
}
