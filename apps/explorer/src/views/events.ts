import { type EventFilter, type EventType, KERNEL_EVENT_TYPES } from "@ecology/protocol";
import { ExplorerError } from "../api.js";
import { h } from "../dom.js";
import { headSeq, newestEvents } from "../events-window.js";
import { href, type Route } from "../route.js";
import {
  eventCells,
  eventTable,
  intParam,
  PAGE_SIZE,
  type View,
  type ViewContext,
} from "./common.js";

/** The filters of the events view, as its URL holds them. */
type Filters = { type: string; principal: string; artifact: string };

function filtersOf(route: Route): Filters {
  const get = (name: string) => (route.query.get(name) ?? "").trim();
  return { type: get("type"), principal: get("principal"), artifact: get("artifact") };
}

function eventFilter(f: Filters): Omit<EventFilter, "after" | "before" | "limit"> {
  return {
    ...(f.type ? { types: [f.type as EventType] } : {}),
    ...(f.principal ? { principal: f.principal } : {}),
    ...(f.artifact ? { artifact: f.artifact } : {}),
  };
}

function filterForm(f: Filters): HTMLFormElement {
  const field = (name: keyof Filters, label: string, list?: string) =>
    h(
      "label",
      {},
      `${label} `,
      h("input", { name, value: f[name], placeholder: "any", list, id: `filter-${name}` }),
    );
  return h(
    "form",
    {
      class: "filters",
      id: "event-filters",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(event.target as HTMLFormElement);
        const value = (name: string) => String(data.get(name) ?? "").trim();
        location.hash = href("events", undefined, {
          type: value("type"),
          principal: value("principal"),
          artifact: value("artifact"),
        });
      },
    },
    field("type", "type", "event-types"),
    h(
      "datalist",
      { id: "event-types" },
      ...KERNEL_EVENT_TYPES.map((t) => h("option", { value: t })),
    ),
    field("principal", "principal"),
    field("artifact", "artifact"),
    h("button", { type: "submit" }, "filter"),
    h("a", { href: href("events") }, "clear"),
  );
}

/** Prepends events from the stream to `body` as they commit, until the view is left. */
async function followInto(
  ctx: ViewContext,
  filter: EventFilter,
  body: HTMLElement,
  status: HTMLElement,
): Promise<void> {
  let count = 0;
  try {
    for await (const event of ctx.api.follow(filter, ctx.signal)) {
      body.querySelector("td.empty")?.parentElement?.remove();
      const row = h("tr", { class: "new" }, ...eventCells(event).map((c) => h("td", {}, c)));
      body.prepend(row);
      count++;
      status.textContent = `live · ${count} new since the page opened`;
    }
  } catch (error) {
    if (ctx.signal.aborted) return;
    status.textContent = `live updates stopped: ${error instanceof Error ? error.message : error}`;
    status.classList.add("error");
  }
}

/**
 * `#/events?type=&principal=&artifact=&before=`: the event log newest first, filtered, paged by
 * seq; the newest page keeps growing live through the event stream.
 */
export const eventsView: View = async (ctx) => {
  const f = filtersOf(ctx.route);
  const filter = eventFilter(f);
  const head = await headSeq(ctx.api.events);
  const before = intParam(ctx.route, "before", head + 1);
  let page: Awaited<ReturnType<typeof newestEvents>>;
  try {
    page = await newestEvents(ctx.api.events, filter, before, PAGE_SIZE);
  } catch (error) {
    if (error instanceof ExplorerError && error.code === "invalid_argument")
      return h(
        "div",
        {},
        h("h1", {}, "Events"),
        filterForm(f),
        h("p", { class: "error" }, error.message),
      );
    throw error;
  }
  const live = before > head;
  const status = h(
    "p",
    { class: "live", id: "live-status" },
    live ? "live · waiting for new events" : "",
  );
  const events = eventTable(page.events, "No events match.");
  const pager = h(
    "nav",
    { class: "pager" },
    live ? null : h("a", { href: href("events", undefined, { ...f }) }, "↑ newest"),
    page.older === null
      ? null
      : h("a", { href: href("events", undefined, { ...f, before: page.older }) }, "older →"),
  );
  if (live) {
    const body = events.querySelector("tbody") as HTMLElement;
    void followInto(ctx, { ...filter, after: head }, body, status);
  }
  return h("div", {}, h("h1", {}, "Events"), filterForm(f), status, events, pager);
};
