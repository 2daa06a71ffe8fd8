import { createApi, ExplorerError, TOKEN_MISSING, TOKEN_REFUSED } from "./api.js";
import { h } from "./dom.js";
import { parseRoute, type ViewName } from "./route.js";
import { takeToken } from "./token.js";
import { artifactView } from "./views/artifact.js";
import { artifactsView } from "./views/artifacts.js";
import type { View } from "./views/common.js";
import { eventsView } from "./views/events.js";
import { listingsView } from "./views/listings.js";
import { overviewView } from "./views/overview.js";
import { principalsView, principalView } from "./views/principals.js";
import { txView } from "./views/tx.js";

const VIEWS: { [V in ViewName]: View } = {
  overview: overviewView,
  artifacts: artifactsView,
  artifact: artifactView,
  principals: principalsView,
  principal: principalView,
  events: eventsView,
  listings: listingsView,
  tx: txView,
};

/** Which nav entry a view belongs to. */
const SECTION: { [V in ViewName]: string } = {
  overview: "overview",
  artifacts: "artifacts",
  artifact: "artifacts",
  principals: "principals",
  principal: "principals",
  events: "events",
  listings: "listings",
  tx: "events",
};

function tokenMessage(text: string): HTMLElement {
  return h(
    "div",
    { class: "token-problem", id: "token-problem", role: "alert" },
    h("h1", {}, "Cannot show this economy"),
    h("p", {}, text),
  );
}

/** Starts the explorer: reads the token, then renders the route on every hash change. */
function start(): void {
  const main = document.getElementById("main") as HTMLElement;
  const token = takeToken(window);
  if (!token) {
    main.replaceChildren(tokenMessage(TOKEN_MISSING));
    return;
  }
  const api = createApi(location.origin, token);
  let current: AbortController | undefined;
  const render = async () => {
    current?.abort();
    const here = new AbortController();
    current = here;
    const route = parseRoute(location.hash);
    for (const link of document.querySelectorAll("header nav a"))
      link.classList.toggle("on", link.getAttribute("data-section") === SECTION[route.view]);
    main.setAttribute("aria-busy", "true");
    try {
      const view = await VIEWS[route.view]({ api, route, signal: here.signal });
      if (!here.signal.aborted) main.replaceChildren(view);
    } catch (error) {
      if (here.signal.aborted) return;
      if (error instanceof ExplorerError && error.tokenRefused)
        main.replaceChildren(tokenMessage(TOKEN_REFUSED));
      else
        main.replaceChildren(
          h("p", { class: "error" }, error instanceof Error ? error.message : String(error)),
        );
    } finally {
      if (!here.signal.aborted) main.setAttribute("aria-busy", "false");
    }
  };
  window.addEventListener("hashchange", () => void render());
  void render();
}

start();
