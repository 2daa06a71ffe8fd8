/**
 * `JSON.parse` for text produced by a sandbox. `__proto__` keys are dropped: `JSON.parse`
 * makes them own properties, but a later `Object.assign` or spread on the host would turn
 * them into a prototype change.
 */
export function parseJson(text: string): unknown {
  if (!text.includes("__proto__") && !text.includes("\\u")) return JSON.parse(text);
  return JSON.parse(text, (key, value) => (key === "__proto__" ? undefined : value));
}

/** UTF-8 size of a string, in bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
