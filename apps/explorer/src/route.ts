/** The views of the explorer, each with a shareable hash route. */
export type ViewName =
  | "overview"
  | "artifacts"
  | "artifact"
  | "principals"
  | "principal"
  | "events"
  | "listings"
  | "tx";

/** A parsed hash route: `#/<view>[/<arg>][?query]`. */
export interface Route {
  view: ViewName;
  /** The id in `#/artifact/<id>`, `#/principal/<id>`, `#/tx/<id>`. */
  arg: string | undefined;
  query: URLSearchParams;
}

const VIEWS = new Set<string>([
  "overview",
  "artifacts",
  "artifact",
  "principals",
  "principal",
  "events",
  "listings",
  "tx",
]);

/**
 * Parses a location hash; anything unknown is the overview, so an old or mistyped link still
 * lands somewhere useful.
 *
 * @example
 * ```ts
 * parseRoute("#/events?type=scrip.minted"); // { view: "events", arg: undefined, query: type=… }
 * ```
 */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, "");
  const q = body.indexOf("?");
  const path = q < 0 ? body : body.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : body.slice(q + 1));
  const [view = "", ...rest] = path.split("/");
  if (!VIEWS.has(view)) return { view: "overview", arg: undefined, query };
  const arg = rest.length > 0 ? decodeURIComponent(rest.join("/")) : undefined;
  return { view: view as ViewName, arg, query };
}

/**
 * The hash of a route, for links: `href("artifact", "pool")` is `#/artifact/pool`; empty query
 * values are left out so a cleared filter does not stay in the URL.
 */
export function href(
  view: ViewName,
  arg?: string,
  query: { [key: string]: string | number | undefined } = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `#/${view}${arg === undefined ? "" : `/${encodeURIComponent(arg)}`}${search ? `?${search}` : ""}`;
}
