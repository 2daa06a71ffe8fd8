import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createClackPrompter } from "./clack-prompter.js";
import { CANCELLED } from "./prompter.js";

/** A keyboard and a screen for the real prompts: keys are typed once the prompt has drawn. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
  });
  const type = (...keys: string[]) => {
    // Type once the first frame is drawn and the render call has returned (next turn of the
    // event loop): by then the prompt listens for keypresses.
    output.once("data", () =>
      setImmediate(() => {
        for (const key of keys) input.write(key);
      }),
    );
  };
  return { prompter: createClackPrompter({ input, output }), type, screen: () => screen };
}

const DOWN = "\u001b[B";
const ENTER = "\r";

describe("createClackPrompter", () => {
  it("selects a template with the arrow keys", async () => {
    const t = terminal();
    t.type(DOWN, DOWN, ENTER);
    expect(await t.prompter.template("blank")).toBe("pay-per-use");
    expect(t.screen()).toContain("Which pattern should it start from?");
  });

  it("takes the default directory on Enter and a typed one otherwise", async () => {
    const first = terminal();
    first.type(ENTER);
    expect(await first.prompter.directory("my-contract")).toBe("my-contract");
    const second = terminal();
    second.type("shop", ENTER);
    expect(await second.prompter.directory("my-contract")).toBe("shop");
  });

  it("answers the overwrite question no by default and reports Ctrl-C as cancelled", async () => {
    const t = terminal();
    t.type(ENTER);
    expect(await t.prompter.overwrite("/x is not empty.")).toBe(false);
    const c = terminal();
    c.type("\u0003");
    expect(await c.prompter.install()).toBe(CANCELLED);
  });
});
