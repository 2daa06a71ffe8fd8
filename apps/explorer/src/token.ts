/** Where the viewer token is kept for the tab's lifetime (sessionStorage, never localStorage). */
export const TOKEN_KEY = "ecology.token";

/** The parts of `window` the token handling touches (so tests can hand real-shaped objects). */
export interface TokenHost {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: Pick<Storage, "getItem" | "setItem">;
}

/**
 * Takes the token from a `#token=<t>` fragment (as `ecology dev` prints it): stores it in
 * sessionStorage and removes it from the visible URL, so it is not shared by copying the address
 * bar and never reaches a server's logs. `#token=<t>&to=<route>` (as the editor opens a
 * transaction) then shows that route, e.g. `/tx/tx12`. Without a fragment, the stored token.
 *
 * @example
 * ```ts
 * const token = takeToken(window); // "ecology_view_…" or undefined
 * ```
 */
export function takeToken(host: TokenHost): string | undefined {
  const match = /^#token=([^&]*)(?:&to=([^&]*))?/.exec(host.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1] ?? "");
    const to = decodeURIComponent(match[2] ?? "/");
    // Only a route of this app: never a URL somewhere else.
    const route = /^\/[A-Za-z0-9_./:?=&-]*$/.test(to) && !to.startsWith("//") ? to : "/";
    host.sessionStorage.setItem(TOKEN_KEY, token);
    host.history.replaceState(
      null,
      "",
      `${host.location.pathname}${host.location.search}#${route}`,
    );
    return token || undefined;
  }
  return host.sessionStorage.getItem(TOKEN_KEY) || undefined;
}
