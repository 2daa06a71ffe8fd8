import type { Readable, Writable } from "node:stream";
import { confirm, isCancel, select, text } from "@clack/prompts";
import { TEMPLATES, type TemplateName } from "./catalog.js";
import type { PackageManager } from "./package-manager.js";
import { type Answer, CANCELLED, type Prompter } from "./prompter.js";

function answer<T>(value: T | symbol): Answer<T> {
  if (isCancel(value)) return CANCELLED;
  return value as T;
}

/** Streams the prompts read keys from and draw on; default the process's stdin and stdout. */
export interface PromptStreams {
  readonly input?: Readable;
  readonly output?: Writable;
}

/**
 * The terminal prompter, on @clack/prompts. Only used when stdin and stdout are TTYs.
 *
 * @example
 * ```ts
 * const template = await createClackPrompter().template("blank");
 * ```
 */
export function createClackPrompter(streams: PromptStreams = {}): Prompter {
  const io = {
    ...(streams.input ? { input: streams.input } : {}),
    ...(streams.output ? { output: streams.output } : {}),
  };
  return {
    async directory(initial) {
      const value = await text({
        ...io,
        message: "Where should the project go?",
        placeholder: initial,
        defaultValue: initial,
      });
      return answer<string>(value);
    },
    async template(initial) {
      const value = await select<TemplateName>({
        ...io,
        message: "Which pattern should it start from?",
        initialValue: initial,
        options: TEMPLATES.map((t) => ({ value: t.name, label: t.name, hint: t.hint })),
      });
      return answer<TemplateName>(value);
    },
    async packageManager(initial) {
      const value = await select<PackageManager>({
        ...io,
        message: "Install with",
        initialValue: initial,
        options: [
          { value: "npm", label: "npm" },
          { value: "pnpm", label: "pnpm" },
        ],
      });
      return answer<PackageManager>(value);
    },
    async install() {
      return answer<boolean>(
        await confirm({ ...io, message: "Install dependencies now?", initialValue: true }),
      );
    },
    async overwrite(message) {
      return answer<boolean>(
        await confirm({ ...io, message: `${message}\nContinue?`, initialValue: false }),
      );
    },
  };
}
