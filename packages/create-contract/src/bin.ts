#!/usr/bin/env node
import { intro } from "@clack/prompts";
import { createClackPrompter } from "./clack-prompter.js";
import { runCreateContract } from "./run.js";

// Prompts only in a real terminal; piped or CI runs take the defaults for anything not given.
const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
const flags = process.argv.slice(2);
if (
  interactive &&
  !flags.some((f) => ["-y", "--yes", "-h", "--help", "-v", "--version"].includes(f))
) {
  intro("create-contract: a new Ecology contract project");
}
process.exitCode = await runCreateContract(flags, {
  ...(interactive ? { prompter: createClackPrompter() } : {}),
  ...(process.env.npm_config_user_agent ? { userAgent: process.env.npm_config_user_agent } : {}),
});
