import { BOUNDED_JSON_SOURCE } from "./bootstrap-bounded-json.js";

/**
 * The sandbox side of the runtime, evaluated once per context before any program code.
 * It captures the intrinsics it needs, removes what breaks determinism or isolation (`Date`,
 * `eval`, the `Function` constructors, `WeakRef`, shared memory), replaces `Math.random` with a
 * seeded PRNG, and freezes every reachable intrinsic and the global object (SES-style), so
 * that nothing a run does can survive into the next run.
 *
 * It evaluates to a function taking the raw host function `signal` and
 * returning the internal API `{ run, makeHost, charge, caught, thrown, guardShared, meter }`, all unreachable from
 * programs.
 */
export const BOOTSTRAP_SOURCE = `(function (signal) {
"use strict";
const G = globalThis;
const O = Object;
const { freeze, getPrototypeOf, getOwnPropertyDescriptor, defineProperty, create } = O;
const ownKeys = Reflect.ownKeys;
const apply = Reflect.apply;
const isArray = Array.isArray;
const jsonParse = JSON.parse;
const jsonStringify = JSON.stringify;
const ObjectProto = O.prototype;
const ErrorCtor = Error;
const TypeErrorCtor = TypeError;
const RangeErrorCtor = RangeError;
const SetCtor = Set;
const setHas = Set.prototype.has;
const setAdd = Set.prototype.add;
const arrayIncludes = Array.prototype.includes;
const StringCtor = String;
const imul = Math.imul;
const floor = Math.floor;

const InternalErrorProto = InternalError.prototype;

// The meter lives here (a call per charge site is far cheaper than a host call); the host reads
// and writes meter.left between runs and around nested runs. Once the run must end, the meter
// stays negative so every later charge throws at once.
const meter = create(null);
meter.left = 0;
let dead = false;
// Every POLL_UNITS units the host checks the deadline and the heap size: QuickJS's own
// interrupt polling counts bytecode ticks and misses loops whose time goes into builtins.
const POLL_UNITS = 65536;
// Never negative, so that crossing zero (running out) always takes the slow path.
let nextPoll = 0;
function die(kind) {
  const left = meter.left;
  meter.left = -1;
  if (!dead) { dead = true; signal(kind, left); }
}
function charge(units) {
  const left = (meter.left -= units);
  if (left < nextPoll) chargeSlow(left);
}
// Running out, or time to poll the host: the rare part of charge(), out of line so that host
// calls can inline the rest.
function chargeSlow(left) {
  if (left < 0) {
    die("compute");
    throw new ErrorCtor("out of compute");
  }
  nextPoll = left > POLL_UNITS ? left - POLL_UNITS : 0;
  if (signal("poll", left)) {
    die("aborted");
    throw new ErrorCtor("run aborted");
  }
}
// QuickJS throws null when it cannot even allocate its out-of-memory error; a null the program
// threw itself went through thrown() first.
function isEngineNull(error) {
  return error === null && lastThrown !== null;
}
// Every error a try block lets out passes here first (see instrument.ts): a stack overflow or
// out-of-memory error ends the run instead of being retried.
function caught(error) {
  if (isEngineNull(error)) { die("memory"); return; }
  if (typeof error !== "object" || error === null || getPrototypeOf(error) !== InternalErrorProto) return;
  const message = error.message;
  if (message === "stack overflow") die("stack");
  else if (message === "out of memory") die("memory");
}

// sfc32 seeded from a string hash: Math.random is deterministic per (seed, call sequence).
let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
function reseed(seed) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ imul(h1 ^ k, 597399067);
    h2 = h3 ^ imul(h2 ^ k, 2869860233);
    h3 = h4 ^ imul(h3 ^ k, 951274213);
    h4 = h1 ^ imul(h4 ^ k, 2716044179);
  }
  s0 = h1 >>> 0; s1 = h2 >>> 0; s2 = h3 >>> 0; s3 = h4 >>> 0;
  for (let i = 0; i < 12; i++) random();
}
function random() {
  const t = (((s0 + s1) | 0) + s3) | 0;
  s3 = (s3 + 1) | 0;
  s0 = s1 ^ (s1 >>> 9);
  s1 = (s2 + (s2 << 3)) | 0;
  s2 = (s2 << 21) | (s2 >>> 11);
  s2 = (s2 + t) | 0;
  return (t >>> 0) / 4294967296;
}

${BOUNDED_JSON_SOURCE}
function replacer(key, value) {
  switch (typeof value) {
    case "string": case "boolean": case "undefined": return value;
    case "number":
      if (value !== value || value === 1 / 0 || value === -1 / 0) throw new TypeErrorCtor("non-finite number is not JSON");
      return value;
    case "object": {
      if (value === null) return value;
      if (!isArray(value)) {
        const proto = getPrototypeOf(value);
        if (proto !== ObjectProto && proto !== null) throw new TypeErrorCtor("only plain objects and arrays are JSON");
      }
      enter(this, value);
      return value;
    }
    default: throw new TypeErrorCtor(typeof value + " is not JSON");
  }
}
function toJson(value) {
  const json = boundedStringify(value, depthLimit);
  return json === undefined ? "null" : json;
}

// The JSON text of a host call's arguments: exactly what toJson(args) gives, but QuickJS's
// JSON.stringify is slow on arrays and with a replacer (~0.5 µs each), so the usual single
// argument skips the array, and a string, boolean, null or finite number skips the replacer.
function argsToJson(args) {
  // The argument list is one more level around the arguments.
  if (args.length !== 1) return boundedStringify(args, depthLimit + 1);
  const arg = args[0];
  const type = typeof arg;
  if (type === "string" || type === "boolean" || arg === null || (type === "number" && arg - arg === 0)) {
    return "[" + jsonStringify(arg) + "]";
  }
  const json = boundedStringify(arg, depthLimit);
  return json === undefined ? "[null]" : "[" + json + "]";
}

// charge() inlined: a host call is hot enough for the saved calls to show.
function callHost(raw, args) {
  const json = argsToJson(args);
  let left = (meter.left -= 100 + (json.length >>> 4));
  if (left < nextPoll) chargeSlow(left);
  const result = raw(json);
  // At least one unit after the call: a nested run may have spent everything that was left.
  // Finite numbers, booleans, null and undefined come back as themselves; the rest as JSON.
  if (typeof result !== "string") {
    left = (meter.left -= 1);
    if (left < nextPoll) chargeSlow(left);
    return result;
  }
  left = (meter.left -= 1 + (result.length >>> 4));
  if (left < nextPoll) chargeSlow(left);
  return jsonParse(result);
}
// One raw host function per name (the host knows the name from the closure, so a call carries
// a single string): each is wrapped so that only JSON text ever reaches it.
function makeHost(namesJson, ...raws) {
  const names = jsonParse(namesJson);
  const host = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const raw = raws[i];
    const fn = freeze({ [name](...args) { return callHost(raw, args); } }[name]);
    apply(setAdd, shared, [fn]);
    defineProperty(host, name, { value: fn, enumerable: true });
  }
  apply(setAdd, shared, [host]);
  return freeze(host);
}

// Objects that outlive a run: every hardened intrinsic and every host object. Freezing cannot
// stop one thing: a class whose base constructor returns an existing object installs its
// private fields (and private-method brand) on that object ("return override"), and they would
// keep what they hold alive for every later run. instrument.ts makes the first instance field
// of every derived class that declares private members call guardShared(this), before any of
// its own fields exist: on a shared object it refuses with a TypeError and taints the context,
// so the host recycles it after the run (a brand may already be installed).
// A refusal costs what rebuilding the context costs the host (~5 ms), so that refusing is not
// a cheap way to make the host work: the charge is deterministic, like the refusal.
let shared;
let tainted = false;
const REFUSAL_UNITS = 100000;
function guardShared(target) {
  if (apply(setHas, shared, [target])) {
    tainted = true;
    charge(REFUSAL_UNITS);
    throw new TypeErrorCtor("private fields cannot be added to a shared object");
  }
  return undefined;
}

// The last non-Error value thrown by instrumented code, with the stack where it was first
// thrown (a rethrow of the same value keeps the original position).
const NOTHING = freeze(create(null));
let lastThrown = NOTHING, lastThrownStack = "";
function isError(value) {
  return typeof value === "object" && value !== null && value instanceof ErrorCtor;
}
function thrown(value) {
  if (value !== lastThrown && !isError(value)) {
    lastThrown = value;
    lastThrownStack = new ErrorCtor().stack;
  }
  return value;
}

function errorMessage(e) {
  try { return e instanceof ErrorCtor ? StringCtor(e.message) : StringCtor(e); } catch { return "unprintable error"; }
}
function describeThrown(e) {
  let stack = "";
  try {
    if (isEngineNull(e)) return toJson({ v: { name: "InternalError", message: "out of memory" }, s: "" });
    if (e instanceof ErrorCtor) {
      stack = typeof e.stack === "string" ? e.stack : "";
      return toJson({ v: { name: StringCtor(e.name), message: StringCtor(e.message) }, s: stack });
    }
    return toJson({ v: e === undefined ? null : e, s: e === lastThrown ? lastThrownStack : "" });
  } catch (inner) {
    return toJson({ v: { name: "Error", message: "thrown value is not JSON: " + errorMessage(inner) }, s: stack, u: true });
  }
}

// Runs one entry point; a result prefixed with "x" tells the host that the run touched a shared
// object in a way freezing does not stop (see guardShared), so the context must be recycled.
function run(factory, entry, inputJson, host, seed, maxOutput, maxDepth) {
  const text = runEntry(factory, entry, inputJson, host, seed, maxOutput, maxDepth);
  if (!tainted) return text;
  tainted = false;
  return "x" + text;
}
function runEntry(factory, entry, inputJson, host, seed, maxOutput, maxDepth) {
  const saved = [s0, s1, s2, s3, dead, nextPoll, lastThrown, lastThrownStack, depthLimit];
  reseed(seed);
  depthLimit = maxDepth;
  dead = false;
  lastThrown = NOTHING;
  lastThrownStack = "";
  nextPoll = meter.left > POLL_UNITS ? meter.left - POLL_UNITS : 0;
  let phase = 0;
  try {
    charge(inputJson.length >>> 4);
    const input = jsonParse(inputJson);
    const module = { exports: {} };
    factory(module, module.exports);
    const exported = module.exports;
    const fn = exported === null || exported === undefined ? undefined : exported[entry];
    if (typeof fn !== "function") throw new TypeErrorCtor("entry '" + entry + "' is not an exported function");
    const result = apply(fn, exported, [input, host]);
    phase = 1;
    const out = toJson(result);
    if (out.length > maxOutput) return "i" + "output exceeds " + maxOutput + " bytes";
    charge(out.length >>> 4);
    return "o" + out;
  } catch (e) {
    if (phase === 1) return "i" + "output is not JSON: " + errorMessage(e);
    const record = describeThrown(e);
    if (record.length <= maxOutput) return "t" + record;
    return "t" + toJson({ v: { name: "Error", message: "thrown value exceeds " + maxOutput + " bytes" }, s: "" });
  } finally {
    s0 = saved[0]; s1 = saved[1]; s2 = saved[2]; s3 = saved[3]; dead = saved[4]; nextPoll = saved[5];
    lastThrown = saved[6]; lastThrownStack = saved[7]; depthLimit = saved[8];
  }
}

function tameConstructor(proto) {
  const Tamed = function Function() { throw new TypeErrorCtor("dynamic code evaluation is not allowed"); };
  defineProperty(Tamed, "prototype", { value: proto, writable: false });
  defineProperty(proto, "constructor", { value: Tamed, writable: false, configurable: false });
  return Tamed;
}
// Assigning to an inherited frozen data property throws in strict mode (the "override mistake");
// for the properties programs commonly shadow (e.name = ...), an accessor keeps that working.
function enableOverride(obj, prop) {
  const d = getOwnPropertyDescriptor(obj, prop);
  if (d === undefined || !("value" in d)) return;
  const value = d.value;
  defineProperty(obj, prop, {
    get: function () { return value; },
    set: function (v) {
      if (this === obj) throw new TypeErrorCtor("Cannot assign to read only property '" + StringCtor(prop) + "'");
      defineProperty(this, prop, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: d.enumerable,
    configurable: false,
  });
}
function harden(roots) {
  const seen = new SetCtor();
  const todo = roots.slice();
  while (todo.length > 0) {
    const o = todo.pop();
    if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o)) continue;
    seen.add(o);
    freeze(o);
    todo.push(getPrototypeOf(o));
    const keys = ownKeys(o);
    for (let i = 0; i < keys.length; i++) {
      const d = getOwnPropertyDescriptor(o, keys[i]);
      if ("value" in d) todo.push(d.value); else todo.push(d.get, d.set);
    }
  }
  return seen;
}

for (const name of ["eval", "Date", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "Promise"]) delete G[name];
defineProperty(G, "Function", { value: tameConstructor(Function.prototype), writable: false, enumerable: false, configurable: false });
const generatorFunctionProto = getPrototypeOf(function* () {});
tameConstructor(generatorFunctionProto);
defineProperty(Math, "random", { value: random, writable: false, configurable: false });
for (const name of ["constructor", "toString", "valueOf", "toLocaleString", "hasOwnProperty"]) enableOverride(ObjectProto, name);
for (const E of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, InternalError, AggregateError]) {
  for (const name of ["name", "message", "constructor", "toString"]) enableOverride(E.prototype, name);
}
enableOverride(Function.prototype, "toString");

// Builtins whose work and allocation grow with an argument, not with the metered code that
// calls them, charge for their size (one unit per 16 elements or characters) before running.
function meterMethod(proto, name, size) {
  const original = proto[name];
  defineProperty(proto, name, {
    value: { [name](...args) { charge(1 + floor(size(this, args) / 16)); return apply(original, this, args); } }[name],
    writable: true, enumerable: false, configurable: true,
  });
}
const lengthOf = (value) => { const n = value === null || value === undefined ? 0 : +value.length; return n > 0 ? n : 0; };
const countArg = (args) => { const n = +args[0]; return n > 0 ? n : 0; };
meterMethod(String.prototype, "repeat", (self, args) => lengthOf(StringCtor(self)) * countArg(args));
meterMethod(String.prototype, "padStart", (self, args) => countArg(args));
meterMethod(String.prototype, "padEnd", (self, args) => countArg(args));
meterMethod(Array.prototype, "join", (self) => lengthOf(self));
meterMethod(Array.prototype, "fill", (self) => lengthOf(self));
// Array.prototype.toString goes through join; toLocaleString must too, so that its recursion
// into nested arrays passes interpreted frames, where QuickJS's stack check works.
meterMethod(Array.prototype, "toLocaleString", (self) => lengthOf(self));
enableOverride(Array.prototype, "toString");
tameNativeRecursion();

const hidden = [
  generatorFunctionProto, getPrototypeOf((function* () {})()),
  getPrototypeOf([][Symbol.iterator]()), getPrototypeOf(new Map()[Symbol.iterator]()),
  getPrototypeOf(new Set()[Symbol.iterator]()), getPrototypeOf(""[Symbol.iterator]()),
  getPrototypeOf(/a/[Symbol.matchAll]("")),
];
if (typeof Iterator === "function" && typeof Iterator.from === "function") {
  hidden.push(getPrototypeOf(Iterator.from({ next() { return { done: true }; } })));
  hidden.push(getPrototypeOf([].values().map(function (x) { return x; })));
}
shared = harden([G].concat(hidden));
return freeze({ run, makeHost, charge, caught, thrown, guardShared, meter, frozenCount: shared.size });
})`;
