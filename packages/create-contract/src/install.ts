import { spawn } from "node:child_process";
import type { PackageManager } from "./package-manager.js";

/** Outcome of {@link installDependencies}. */
export type InstallResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string };

/**
 * Runs `<pm> install` in `dir`, its output going straight to the terminal. Resolves (never
 * rejects) with a result: a missing package manager or a failed install is an expected outcome.
 *
 * @example
 * ```ts
 * const r = await installDependencies("my-pool", "npm");
 * if (!r.ok) console.error(r.message);
 * ```
 */
export function installDependencies(dir: string, pm: PackageManager): Promise<InstallResult> {
  return new Promise((resolve) => {
    // On Windows npm/pnpm are .cmd shims that only a shell can start.
    const child = spawn(pm, ["install"], {
      cwd: dir,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    child.on("error", (error) =>
      resolve({ ok: false, message: `could not run ${pm}: ${error.message}` }),
    );
    child.on("close", (code, signal) =>
      resolve(
        code === 0
          ? { ok: true }
          : { ok: false, message: `${pm} install failed (${signal ?? `exit code ${code}`})` },
      ),
    );
  });
}
