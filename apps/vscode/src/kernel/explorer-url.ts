import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The explorer's URL on a running kernel, signed in with the workspace's viewer token and, when
 * `tx` is given, opened on that transaction (`#token=<t>&to=/tx/<tx>`). Undefined when the
 * workspace has no `.ecology/viewer.token` (run `ecology init`).
 *
 * @example
 * ```ts
 * explorerUrl("http://127.0.0.1:7420", "/ws/.ecology", "tx12");
 * // "http://127.0.0.1:7420/#token=ecology_view_…&to=%2Ftx%2Ftx12"
 * ```
 */
export function explorerUrl(
  kernelUrl: string,
  ecologyDir: string,
  tx?: string,
): string | undefined {
  let token: string;
  try {
    token = readFileSync(join(ecologyDir, "viewer.token"), "utf8").trim();
  } catch {
    return undefined;
  }
  if (!token) return undefined;
  const to = tx === undefined ? "" : `&to=${encodeURIComponent(`/tx/${tx}`)}`;
  return `${kernelUrl.replace(/\/+$/, "")}/#token=${encodeURIComponent(token)}${to}`;
}

/** The transaction an envelope's events belong to, if it has any. */
export function txOf(envelope: {
  success: boolean;
  events?: readonly { tx: string }[];
}): string | undefined {
  return envelope.success ? envelope.events?.[0]?.tx : undefined;
}
