/**
 * The artifact id a contract file deploys as by default: its file name without extension,
 * numbered (`pool-2`, `pool-3`…) when that id is taken.
 *
 * @example
 * ```ts
 * defaultArtifactId("/ws/src/pool.ts", new Set(["pool"])); // "pool-2"
 * ```
 */
export function defaultArtifactId(file: string, taken: ReadonlySet<string>): string {
  const base = (file.split(/[\\/]/).pop() ?? "contract")
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9_.:-]/g, "-");
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
