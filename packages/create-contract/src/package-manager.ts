/** Package managers the scaffolder installs with. */
export const PACKAGE_MANAGERS = ["npm", "pnpm"] as const;

/** One of {@link PACKAGE_MANAGERS}. */
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** Whether `name` is a supported package manager. */
export function isPackageManager(name: string): name is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(name);
}

/**
 * The package manager that launched us, from `npm_config_user_agent` (`pnpm create …` sets
 * `pnpm/10.x …`, `npm create …` sets `npm/11.x …`); npm when unknown.
 *
 * @example
 * ```ts
 * detectPackageManager("pnpm/10.34.9 npm/? node/v20.20.2 linux x64"); // "pnpm"
 * ```
 */
export function detectPackageManager(
  userAgent: string | undefined = process.env.npm_config_user_agent,
): PackageManager {
  return userAgent?.startsWith("pnpm/") ? "pnpm" : "npm";
}
