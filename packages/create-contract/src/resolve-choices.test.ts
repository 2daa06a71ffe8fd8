import { describe, expect, it } from "vitest";
import type { CliOptions } from "./parse-options.js";
import { CANCELLED, type Prompter } from "./prompter.js";
import { resolveChoices } from "./resolve-choices.js";

const none: CliOptions = { yes: false, force: false, help: false, version: false };

/** A prompter answering from a script and recording what was asked. */
function scripted(answers: Partial<Record<keyof Prompter, unknown>>) {
  const asked: string[] = [];
  const ask = (name: keyof Prompter) => async (): Promise<never> => {
    asked.push(name);
    return answers[name] as never;
  };
  const prompter: Prompter = {
    directory: ask("directory"),
    template: ask("template"),
    packageManager: ask("packageManager"),
    install: ask("install"),
    overwrite: ask("overwrite"),
  };
  return { prompter, asked };
}

describe("resolveChoices", () => {
  it("takes the defaults without a prompter", async () => {
    expect(await resolveChoices(none, { detected: "pnpm" })).toEqual({
      dir: "my-contract",
      template: "blank",
      packageManager: "pnpm",
      install: true,
    });
  });

  it("asks only for what the flags left open", async () => {
    const { prompter, asked } = scripted({ template: "escrow", install: false });
    const choices = await resolveChoices(
      { ...none, dir: "shop", packageManager: "npm" },
      { prompter, detected: "pnpm" },
    );
    expect(asked).toEqual(["template", "install"]);
    expect(choices).toEqual({
      dir: "shop",
      template: "escrow",
      packageManager: "npm",
      install: false,
    });
  });

  it("stops at the first cancelled prompt", async () => {
    const { prompter, asked } = scripted({ directory: "x", template: CANCELLED });
    expect(await resolveChoices(none, { prompter, detected: "npm" })).toBe(CANCELLED);
    expect(asked).toEqual(["directory", "template"]);
  });
});
