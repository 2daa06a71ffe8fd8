/**
 * The part of the bootstrap (see `bootstrap-source.ts`, which it is spliced into and whose
 * captured intrinsics it uses) that bounds the nesting of values QuickJS would otherwise recurse
 * over in C: the serializer's replacer tracks the path from the root, and `JSON.stringify`,
 * `JSON.parse`, `Array.prototype.flat` and iterator helpers are replaced for programs by
 * versions limited to the run's `maxJsonDepth` (ADR 0020). `tameNativeRecursion()` installs
 * them; it runs before the freeze.
 */
export const BOUNDED_JSON_SOURCE = `
// Depth of the value being serialized: the path from the root to the current holder.
// QuickJS serializes recursively in C, and that recursion overflows the host's stack (a fatal
// WebAssembly error) long before QuickJS's own stack check notices, so nesting is bounded here,
// where each object is met before the serializer descends into it. The replacer is called with
// the holder as "this": every path entry deeper than the holder is a finished sibling.
const path = [];
let pathBase = 0, pathLength = 0, depthLimit = 256;
function enter(holder, value) {
  let n = pathLength;
  while (n > pathBase && path[n - 1] !== holder) n--;
  if (n - pathBase >= depthLimit) throw new RangeErrorCtor("value nested deeper than " + depthLimit + " levels");
  path[n] = value;
  pathLength = n + 1;
}
// Serializes with the depth bound; reentrant (a toJSON may call a host function, which
// serializes its arguments above the current path) and leaves no reference in the path.
function boundedStringify(value, limit) {
  const savedBase = pathBase, savedLength = pathLength, savedLimit = depthLimit;
  pathBase = pathLength;
  depthLimit = limit;
  try {
    return jsonStringify(value, replacer);
  } finally {
    path.length = pathBase;
    pathBase = savedBase; pathLength = savedLength; depthLimit = savedLimit;
  }
}

// QuickJS's JSON.stringify, JSON.parse, Array.prototype.flat and iterator helpers recurse in C, where its stack
// check does not see the host's stack: ~10 000 levels (5 000 for flat) overflow it, a fatal
// WebAssembly error for every sandbox of the process. Programs get versions bounded by the
// run's maxJsonDepth; deeper values throw a catchable RangeError.
function tooDeep(what) {
  return new RangeErrorCtor((what || "value") + " nested deeper than " + depthLimit + " levels");
}
// The same check as the host's nestedDeeperThan (json.ts), on text about to be parsed.
function textTooDeep(text, limit) {
  if (text.length <= 2 * limit) return false;
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) { if (c === 92) i++; else if (c === 34) inString = false; }
    else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { if (++depth > limit) return true; }
    else if (c === 93 || c === 125) depth--;
  }
  return false;
}
// A replacer array (a property allow-list) as a replacer function: objects are rebuilt with
// the listed keys, in list order, as the native allow-list would serialize them.
function allowList(list) {
  const keys = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const wrapped = typeof item === "object" && item !== null && (item instanceof StringCtor || item instanceof Number);
    if (typeof item !== "string" && typeof item !== "number" && !wrapped) continue;
    const key = StringCtor(item);
    if (!apply(arrayIncludes, keys, [key])) keys[keys.length] = key;
  }
  return function (key, value) {
    if (typeof value !== "object" || value === null || isArray(value)) return value;
    const out = {};
    for (let i = 0; i < keys.length; i++) {
      const v = value[keys[i]];
      if (v !== undefined) defineProperty(out, keys[i], { value: v, writable: true, enumerable: true, configurable: true });
    }
    return out;
  };
}
// Iterator helpers pull from the iterator they wrap in C, so a chain of them recurses there too:
// each helper remembers its place in the chain, and a chain longer than maxJsonDepth throws.
function boundIteratorChains() {
  if (typeof Iterator !== "function") return;
  const IteratorProto = Iterator.prototype;
  const chainDepth = new WeakMap();
  const weakGet = WeakMap.prototype.get, weakSet = WeakMap.prototype.set;
  for (const name of ["map", "filter", "take", "drop", "flatMap"]) {
    const original = IteratorProto[name];
    if (typeof original !== "function") continue;
    defineProperty(IteratorProto, name, { value: { [name](...args) {
      const depth = (apply(weakGet, chainDepth, [this]) || 0) + 1;
      if (depth > depthLimit) throw tooDeep("iterator helpers");
      const helper = apply(original, this, args);
      apply(weakSet, chainDepth, [helper, depth]);
      return helper;
    } }[name], writable: true, enumerable: false, configurable: true });
  }
}
function tameNativeRecursion() {
  boundIteratorChains();
  const ArrayProto = Array.prototype;
  const nativeFlat = ArrayProto.flat;
  const some = ArrayProto.some;
  defineProperty(JSON, "stringify", { value: function stringify(value, replacer, space) {
    const user = typeof replacer === "function" ? replacer : isArray(replacer) ? allowList(replacer) : undefined;
    const bounded = function (key, v) {
      if (user !== undefined) v = apply(user, this, [key, v]);
      if (typeof v === "object" && v !== null) enter(this, v);
      return v;
    };
    const savedBase = pathBase, savedLength = pathLength;
    pathBase = pathLength;
    try {
      return jsonStringify(value, bounded, space);
    } finally {
      path.length = pathBase;
      pathBase = savedBase; pathLength = savedLength;
    }
  }, writable: true, enumerable: false, configurable: true });
  defineProperty(JSON, "parse", { value: function parse(text, reviver) {
    const s = StringCtor(text);
    if (textTooDeep(s, depthLimit)) throw tooDeep();
    return typeof reviver === "function" ? jsonParse(s, reviver) : jsonParse(s);
  }, writable: true, enumerable: false, configurable: true });
  defineProperty(ArrayProto, "flat", { value: function flat(...args) {
    const requested = args[0] === undefined ? 1 : +args[0];
    if (!(requested > depthLimit)) return apply(nativeFlat, this, args);
    const result = apply(nativeFlat, this, [depthLimit]);
    if (apply(some, result, [isArray])) throw tooDeep();
    return result;
  }, writable: true, enumerable: false, configurable: true });
}

`;
