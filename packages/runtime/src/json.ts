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

/**
 * True if `text` takes more than `maxBytes` bytes as UTF-8. A UTF-16 code unit takes at most 3
 * bytes (a surrogate pair, two units, takes 4), so text of at most `maxBytes / 3` units is
 * never counted: most values crossing the boundary are far below their limit.
 */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  return text.length * 3 > maxBytes && byteLength(text) > maxBytes;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const OPEN_OBJECT = 123;
const CLOSE_ARRAY = 93;
const CLOSE_OBJECT = 125;

/**
 * True if the JSON `text` nests arrays and objects more than `maxDepth` levels deep (`1` is
 * 0 levels, `[1]` is 1). Scans the text iteratively, so it cannot overflow the stack however
 * deep the text is; text shorter than `2 × maxDepth` cannot be too deep and is not scanned.
 * Every value crossing the sandbox boundary passes here before anything recursive (a parser, a
 * reviver, the kernel) touches it.
 */
export function nestedDeeperThan(text: string, maxDepth: number): boolean {
  if (text.length <= 2 * maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
