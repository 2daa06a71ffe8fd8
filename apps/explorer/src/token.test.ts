import { describe, expect, it } from "vitest";
import { TOKEN_KEY, type TokenHost, takeToken } from "./token.js";

/** A window-shaped host whose URL and storage behave as a browser's do. */
function host(hash: string): TokenHost & { url: () => string; stored: Map<string, string> } {
  const stored = new Map<string, string>();
  const location = { hash, pathname: "/", search: "" };
  return {
    location,
    stored,
    url: () => `${location.pathname}${location.search}${location.hash}`,
    history: {
      replaceState(_data, _unused, url) {
        location.hash = url.slice(url.indexOf("#"));
      },
    },
    sessionStorage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
    },
  };
}

describe("the token in the URL fragment", () => {
  it("is stored for the session and removed from the visible URL", () => {
    const h = host("#token=ecology_view_abc-_123");
    expect(takeToken(h)).toBe("ecology_view_abc-_123");
    expect(h.url()).toBe("/#/");
    expect(h.stored.get(TOKEN_KEY)).toBe("ecology_view_abc-_123");
    // A reload (no fragment any more) keeps using the stored token.
    expect(takeToken(h)).toBe("ecology_view_abc-_123");
  });

  it("opens the route it was given after the token (the editor's transaction links)", () => {
    const h = host(`#token=ecology_view_x&to=${encodeURIComponent("/tx/tx12")}`);
    expect(takeToken(h)).toBe("ecology_view_x");
    expect(h.url()).toBe("/#/tx/tx12");
    const evil = host(`#token=ecology_view_x&to=${encodeURIComponent("//evil.example/x")}`);
    takeToken(evil);
    expect(evil.url()).toBe("/#/");
  });

  it("is missing when neither the fragment nor the session has one", () => {
    expect(takeToken(host("#/events"))).toBeUndefined();
    expect(takeToken(host("#token="))).toBeUndefined();
  });
});
