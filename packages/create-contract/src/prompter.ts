import type { TemplateName } from "./catalog.js";
import type { PackageManager } from "./package-manager.js";

/** Returned by a prompt the user cancelled (Ctrl-C / Esc). */
export const CANCELLED: unique symbol = Symbol("cancelled");

/** A prompt answer, or {@link CANCELLED}. */
export type Answer<T> = T | typeof CANCELLED;

/**
 * The questions the scaffolder asks. The real one is {@link createClackPrompter}; tests drive
 * the choice logic with a scripted one.
 */
export interface Prompter {
  directory(initial: string): Promise<Answer<string>>;
  template(initial: TemplateName): Promise<Answer<TemplateName>>;
  packageManager(initial: PackageManager): Promise<Answer<PackageManager>>;
  install(): Promise<Answer<boolean>>;
  /** Asked when the directory is not empty and `--force` was not given. */
  overwrite(message: string): Promise<Answer<boolean>>;
}
