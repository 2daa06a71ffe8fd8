#!/usr/bin/env node
import { createClackPrompter } from "./clack-prompter.js";
import { runCreateContract } from "./run.js";

// Prompts only in a real terminal; piped or CI runs take the defaults for anything not given.
const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
process.exitCode = await runCreateContract(process.argv.slice(2), {
  ...(interactive ? { prompter: createClackPrompter() } : {}),
  ...(process.env.npm_config_user_agent ? { userAgent: process.env.npm_config_user_agent } : {}),
});
