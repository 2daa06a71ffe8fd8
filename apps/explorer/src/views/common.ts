import type { ArtifactSummary, KernelEvent } from "@ecology/protocol";
import type { Api } from "../api.js";
import { type Child, h, table } from "../dom.js";
import { href, type Route } from "../route.js";

/** What a view is given: the API, its route, and a signal that aborts when the view is left. */
export interface ViewContext {
  api: Api;
  route: Route;
  /** Aborted when the route changes: live streams stop with it. */
  signal: AbortSignal;
}

/** A view: renders its route into one element (it may keep updating it until `signal`). */
export type View = (ctx: ViewContext) => Promise<HTMLElement>;

/** Rows per page in every paged table. */
export const PAGE_SIZE = 50;

/** A link to a principal's (or any wallet's) page. */
export function principalLink(id: string): HTMLAnchorElement {
  return h("a", { href: href("principal", id) }, id);
}

/** A link to an artifact's page. */
export function artifactLink(id: string): HTMLAnchorElement {
  return h("a", { href: href("artifact", id) }, id);
}

/** A link to a transaction's page. */
export function txLink(tx: string): HTMLAnchorElement {
  return h("a", { href: href("tx", tx) }, tx);
}

/** Kernel time (ms since the epoch) as a short UTC timestamp. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** Whether an event's target is an artifact (otherwise a principal or wallet). */
function targetIsArtifact(event: KernelEvent): boolean {
  return /^(artifact|invoke|escrow|contract)\./.test(event.type);
}

/** An event's data as one short line of JSON (the full value is in the title). */
export function dataCell(data: KernelEvent["data"]): HTMLElement {
  const text = JSON.stringify(data);
  return h("code", { title: text }, text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

/** One table row's cells for an event. */
export function eventCells(event: KernelEvent): Child[] {
  return [
    String(event.seq),
    formatTime(event.time),
    txLink(event.tx),
    h("a", { href: href("events", undefined, { type: event.type }) }, event.type),
    principalLink(event.actor),
    event.target === undefined
      ? ""
      : targetIsArtifact(event)
        ? artifactLink(event.target)
        : principalLink(event.target),
    dataCell(event.data),
  ];
}

/** The header of event tables. */
export const EVENT_HEADERS = ["seq", "time (UTC)", "tx", "type", "actor", "target", "data"];

/** A table of events (newest first when given so). */
export function eventTable(events: readonly KernelEvent[], empty = "No events."): HTMLElement {
  const t = table(EVENT_HEADERS, events.map(eventCells), empty);
  t.classList.add("events");
  return t;
}

/** An artifact's access policy in a few words. */
export function policyText(policy: ArtifactSummary["policy"]): string {
  const who = (list: "*" | string[]) => (list === "*" ? "anyone" : list.join(", ") || "owner only");
  return `read: ${who(policy.allowRead)} · invoke: ${who(policy.allowInvoke)}${policy.gate ? ` · gate ${policy.gate}` : ""}`;
}

/** An artifact's prices in a few words. */
export function pricesText(policy: ArtifactSummary["policy"]): string {
  const methods = Object.entries(policy.methodPrices ?? {}).map(([m, p]) => `${m} ${p}`);
  return [`read ${policy.readPrice}`, `invoke ${policy.invokePrice}`, ...methods].join(" · ");
}

/** Previous/next links of an offset-paged table. */
export function offsetPager(
  route: Route,
  offset: number,
  shown: number,
  extra: { [key: string]: string | undefined } = {},
): HTMLElement {
  const at = (o: number) => href(route.view, route.arg, { ...extra, offset: o || undefined });
  return h(
    "nav",
    { class: "pager" },
    offset > 0 ? h("a", { href: at(Math.max(0, offset - PAGE_SIZE)) }, "← previous") : null,
    h("span", {}, shown === 0 ? "" : `${offset + 1}–${offset + shown}`),
    shown === PAGE_SIZE ? h("a", { href: at(offset + PAGE_SIZE) }, "next →") : null,
  );
}

/** A whole-number query parameter, or `fallback`. */
export function intParam(route: Route, name: string, fallback: number): number {
  const value = Number(route.query.get(name));
  return Number.isSafeInteger(value) && value >= 0 && route.query.get(name) !== null
    ? value
    : fallback;
}

/** A section with a heading. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", {}, h("h2", {}, title), ...children);
}
