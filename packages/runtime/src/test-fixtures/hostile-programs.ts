import type { HostApi, RunErrorCode, RunOptions, RunResult } from "../types.js";

/** One hostile program of the corpus: what it does, and how it must end. */
export interface HostileCase {
  name: string;
  /** Body of `module.exports.attack = (input, host) => { … }`. */
  attack: string;
  input?: unknown;
  options?: RunOptions;
  /** The failure code the run must end with, or "ok" for probes that must find nothing. */
  expect: RunErrorCode | "ok";
  /** Extra assertion on the result. */
  check?: (result: RunResult) => void;
  /**
   * Body of a second method, run after the attack in the same program with default limits
   * (but a generous deadline): it
   * tries to read back what the attack left and must return `null` (found nothing).
   */
  readBack?: string;
}

const FAST = { compute: 2_000_000, deadlineMs: 10_000 };
/** Memory cases must hit the heap limit, not the deadline, even on a loaded machine. */
const SMALL_HEAP = { memoryBytes: 8 * 1024 * 1024, deadlineMs: 10_000 };
const echo: HostApi = { echo: (value) => value ?? null };

const MIB = 1024 * 1024;
/** A class that installs a private field holding `blobMiB` MiB on whatever `target` is. */
function stamp(target: string, blobMiB: number, how = "new Stamp(target)"): string {
  return `class ReturnsTarget { constructor(t) { return t; } }
    class Stamp extends ReturnsTarget { #blob = "x".repeat(${blobMiB * MIB}); }
    const target = ${target}; ${how};`;
}
/**
 * Reads back through memory: allocates 20 MiB under the default 32 MiB limit, then computes
 * long enough for the heap to be measured. Fails \`out_of_memory\` if an earlier run left more
 * than ~12 MiB behind in the context.
 */
const MEMORY_READ_BACK = `const s = "y".repeat(${20 * MIB}); let n = 0;
  for (let i = 0; i < 200000; i++) n += i;
  return s.length === ${20 * MIB} && n > 0 ? null : "lost";`;

/** The hostile corpus (see issue 3): each must fail with its code and leave everything healthy. */
export const HOSTILE_CASES: HostileCase[] = [
  // Reaching the host.
  { name: "process is not reachable", attack: "return process.exit(1);", expect: "thrown" },
  { name: "require is not reachable", attack: 'return require("fs");', expect: "thrown" },
  {
    name: "Function('return this') is refused",
    attack: 'return Function("return this")();',
    expect: "thrown",
  },
  {
    name: "constructor chains do not reach Function",
    attack: 'return (() => 0).constructor.constructor("return globalThis")();',
    expect: "thrown",
  },
  {
    name: "the generator function constructor is refused",
    attack: 'return Object.getPrototypeOf(function* () {}).constructor("yield 1")().next();',
    expect: "thrown",
  },
  { name: "indirect eval is absent", attack: 'return (0, eval)("1 + 1");', expect: "thrown" },
  {
    name: "a globalThis walk finds nothing but frozen intrinsics",
    attack: `const seen = new Set(); const todo = [globalThis]; const found = [];
      while (todo.length) { const o = todo.pop();
        if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o)) continue;
        seen.add(o); if (!Object.isFrozen(o)) found.push(String(o && o.name));
        todo.push(Object.getPrototypeOf(o));
        for (const k of Reflect.ownKeys(o)) { const d = Object.getOwnPropertyDescriptor(o, k);
          if ("value" in d) todo.push(d.value); else todo.push(d.get, d.set); } }
      const names = Object.getOwnPropertyNames(globalThis).filter((n) => /process|require|host|signal|module|Date|eval|performance|setTimeout|WeakRef|Uint8Array/.test(n));
      return { unfrozen: found, names, count: seen.size };`,
    options: { limits: FAST },
    expect: "ok",
    check: (result) => {
      if (!result.ok) throw new Error("walk failed");
      const value = result.value as { unfrozen: string[]; names: string[]; count: number };
      if (value.unfrozen.length > 0 || value.names.length > 0 || value.count < 100) {
        throw new Error(`walk found ${JSON.stringify(value)}`);
      }
    },
  },
  {
    name: "Error.prepareStackTrace cannot be installed",
    attack: "Error.prepareStackTrace = (e, frames) => frames; return 1;",
    expect: "thrown",
  },
  { name: "arguments.callee is poisoned", attack: "return arguments.callee;", expect: "thrown" },
  { name: "writing a global throws", attack: "globalThis.leak = 1; return 1;", expect: "thrown" },
  // Prototype pollution.
  {
    name: "Object.prototype cannot be polluted",
    attack: "Object.prototype.polluted = 1; return 1;",
    expect: "thrown",
  },
  {
    name: "Array.prototype methods cannot be replaced",
    attack: "Array.prototype.push = () => 0; return 1;",
    expect: "thrown",
  },
  {
    name: "iterator prototypes are frozen",
    attack: "Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true }); return 1;",
    expect: "thrown",
  },
  {
    name: "a returned __proto__ key does not pollute the host",
    attack: `return JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');`,
    expect: "ok",
    check: (result) => {
      if (!result.ok || Object.hasOwn(result.value as object, "__proto__")) throw new Error("kept");
      if (({} as Record<string, unknown>).polluted !== undefined) throw new Error("polluted");
    },
  },
  {
    name: "a __proto__ key in host-function arguments does not pollute the host",
    attack: `return host.inspect(JSON.parse('{"__proto__": {"isAdmin": true}}'));`,
    options: {
      host: {
        inspect: (arg) => {
          const merged = Object.assign({}, arg as object) as { isAdmin?: boolean };
          return merged.isAdmin === true;
        },
      },
    },
    expect: "ok",
    check: (result) => {
      if (!result.ok || result.value !== false) throw new Error("host saw a polluted prototype");
    },
  },
  // Values crossing the boundary.
  {
    name: "a throwing getter on the output",
    attack: 'return { get x() { throw new Error("gotcha"); } };',
    expect: "invalid_value",
  },
  {
    name: "a proxy output whose trap never returns",
    attack: "return new Proxy({}, { ownKeys() { for (;;) {} } });",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "a toJSON on a host argument that loops",
    attack: "return host.echo({ toJSON() { for (;;) {} } });",
    options: { host: echo, limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "a function passed to a host function",
    attack: "return host.echo({ f() { return 1; } });",
    options: { host: echo },
    expect: "thrown",
  },
  { name: "a BigInt output", attack: "return 10n;", expect: "invalid_value" },
  { name: "a Map output", attack: "return new Map([[1, 2]]);", expect: "invalid_value" },
  {
    name: "a cyclic output",
    attack: "const a = {}; a.self = a; return a;",
    expect: "invalid_value",
  },
  { name: "a huge output", attack: 'return "x".repeat(300 * 1024);', expect: "invalid_value" },
  {
    name: "a huge input",
    attack: "return input.length;",
    input: "x".repeat(300 * 1024),
    expect: "invalid_value",
  },
  // Compute.
  {
    name: "an infinite loop",
    attack: "for (;;) {}",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "an infinite loop under a tiny budget",
    attack: "for (;;) {}",
    options: { limits: { compute: 1_000 } },
    expect: "out_of_compute",
    check: (result) => {
      if (result.compute !== 1_000) throw new Error(`charged ${result.compute}`);
    },
  },
  {
    name: "an infinite loop that swallows every error",
    attack: "for (;;) { try { for (;;) {} } catch (e) {} finally { continue; } }",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "an endless generator",
    attack: "function* g() { for (;;) yield 1; } let n = 0; for (const x of g()) n += x; return n;",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "a sort comparator that never returns",
    attack: "return [3, 1, 2].sort(() => { for (;;) {} });",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "a host call in an endless catch loop",
    attack: "for (;;) { try { host.echo(1); } catch (e) {} }",
    options: { host: echo, limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "regex backtracking inside a builtin",
    attack: 'return /^(a+)+$/.test("a".repeat(40) + "b");',
    options: { limits: { deadlineMs: 150 } },
    expect: "timeout",
  },
  {
    name: "a huge String.prototype.repeat",
    attack: 'return "x".repeat(2 ** 29).length;',
    expect: "out_of_compute",
  },
  {
    name: "a repeat count past 2^32 (no unit wrap-around)",
    attack: 'return "ab".repeat(2 ** 32 + 16).length;',
    expect: "out_of_compute",
  },
  // Memory.
  {
    name: "a huge Array.prototype.join",
    attack: 'return new Array(200000).fill("x".repeat(200)).join("").length;',
    options: { limits: SMALL_HEAP },
    expect: "out_of_memory",
  },
  {
    name: "a string doubling bomb",
    attack: 'let s = "x"; for (;;) { s = s + s; s.charCodeAt(s.length - 1); }',
    expect: "out_of_memory",
  },
  {
    name: "an array memory bomb",
    attack: "const keep = []; for (;;) keep.push(new Array(100000).fill(1));",
    options: { limits: SMALL_HEAP },
    expect: "out_of_memory",
  },
  {
    name: "a nested-object memory bomb",
    attack: "let o = {}; for (;;) o = { o, p: [o, o, { q: o }] };",
    options: { limits: { memoryBytes: 4 * 1024 * 1024, compute: 50_000_000, deadlineMs: 20_000 } },
    expect: "out_of_memory",
  },
  {
    name: "catching out-of-memory and allocating again",
    attack:
      "const keep = []; for (;;) { try { keep.push(new Array(100000).fill(1)); } catch (e) {} }",
    options: { limits: SMALL_HEAP },
    expect: "out_of_memory",
  },
  // Stack.
  {
    name: "deep recursion",
    attack: "const r = (n) => r(n + 1) + 1; return r(0);",
    expect: "stack_overflow",
  },
  {
    name: "recursion that catches the overflow and retries",
    attack: "function r() { try { r(); } catch (e) { r(); } } r();",
    options: { limits: FAST },
    expect: "stack_overflow",
  },
  {
    name: "recursion that retries from finally",
    attack: "function r() { try { r(); } finally { r(); } } r();",
    options: { limits: FAST },
    expect: "stack_overflow",
  },
  {
    name: "a getter that reads itself",
    attack: "const o = { get x() { return this.x; } }; return o.x;",
    expect: "stack_overflow",
  },
  // Determinism probes.
  { name: "Date is absent", attack: "return new Date().getTime();", expect: "thrown" },
  { name: "performance is absent", attack: "return performance.now();", expect: "thrown" },
  { name: "timers are absent", attack: "return setTimeout(() => 0, 1);", expect: "thrown" },
  { name: "WeakRef is absent", attack: "return new WeakRef({});", expect: "thrown" },
  {
    name: "typed arrays are absent",
    attack: "return new Uint8Array(1e8).length;",
    expect: "thrown",
  },
  {
    name: "Math.random cannot be replaced",
    attack: "Math.random = () => 4; return 1;",
    expect: "thrown",
  },
  // Throws.
  {
    name: "throwing a string",
    attack: 'throw "plain string";',
    expect: "thrown",
    check: (result) => {
      if (result.ok || result.error.value !== "plain string") throw new Error("value lost");
    },
  },
  {
    name: "throwing null (not mistaken for the engine's out-of-memory null)",
    attack: "throw null;",
    expect: "thrown",
  },
  {
    name: "throwing undefined",
    attack: "throw undefined;",
    expect: "thrown",
    check: (result) => {
      if (result.ok || result.error.value !== null) throw new Error("value not null");
    },
  },
  {
    name: "throwing an object whose getter never returns",
    attack: "throw { get message() { for (;;) {} } };",
    options: { limits: FAST },
    expect: "out_of_compute",
  },
  {
    name: "throwing a huge error message",
    attack: 'throw new Error("x".repeat(1024 * 1024));',
    options: { limits: { compute: 1e6 } },
    expect: "thrown",
    check: (result) => {
      if (result.ok || result.error.message.length > 1000) throw new Error("not capped");
    },
  },
  {
    name: "throwing from inside a host callback",
    attack: "return host.fail();",
    options: {
      host: {
        fail: () => {
          throw new Error("host refused");
        },
      },
    },
    expect: "thrown",
    check: (result) => {
      if (result.ok || !result.error.message.includes("host refused")) throw new Error("message");
    },
  },
  // State between runs.
  {
    name: "stashing state on an intrinsic",
    attack: "Math.stash = input; return 1;",
    input: "secret",
    expect: "thrown",
  },
  // Retention on shared objects that freezing does not stop (issue 13 item 2): a base
  // constructor returning a shared object makes a derived class install its private fields there.
  ...[
    ["Object.prototype", "Object.prototype"],
    ["globalThis", "globalThis"],
    ["an intrinsic function", "Array.prototype.push"],
    ["the host object", "host"],
    ["a host function", "host.echo"],
    ["a hidden intrinsic", "Object.getPrototypeOf([][Symbol.iterator]())"],
  ].map(
    ([what, target]): HostileCase => ({
      name: `a private field stamped on ${what}`,
      attack: `${stamp(target as string, 20)} return 1;`,
      options: { host: echo, limits: { deadlineMs: 10_000 } },
      expect: "thrown",
      readBack: MEMORY_READ_BACK,
    }),
  ),
  {
    name: "a private field stamp that catches the refusal and succeeds",
    attack: `try { ${stamp("Object.prototype", 20)} } catch (e) { return e.message; }`,
    expect: "ok",
    check: (result) => {
      if (!result.ok || !String(result.value).includes("shared object")) throw new Error("stamped");
    },
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "a private field stamp through Reflect.construct",
    attack: `${stamp("Object.prototype", 20, "Reflect.construct(Stamp, [target], Object)")} return 1;`,
    expect: "thrown",
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "a private method brand and field stamp from a class expression",
    attack: `const R = class { constructor(t) { return t; } };
      const S = class extends R { #m() { return 1; } #blob = "x".repeat(${20 * MIB}); };
      new S(Object.prototype); return 1;`,
    expect: "thrown",
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "cyclic garbage left in the warm heap",
    attack: `let head = null;
      for (let i = 0; i < 120000; i++) head = { next: head, pad: "g".repeat(100) + i };
      head.self = head; return 1;`,
    options: { limits: { compute: 50_000_000, deadlineMs: 20_000 } },
    expect: "ok",
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "a huge key in the symbol registry",
    attack: `Symbol.for("s".repeat(${20 * MIB})); return 1;`,
    expect: "ok",
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "a huge interned property name",
    attack: `const o = {}; o["k".repeat(${20 * MIB})] = 1; return Object.keys(o).length;`,
    expect: "ok",
    readBack: MEMORY_READ_BACK,
  },
  {
    name: "RegExp legacy statics",
    attack: 'return /(secret\\w*)/.exec("a secret" + input)[1];',
    input: "-value",
    expect: "ok",
    readBack: `const keys = ["$1", "$2", "lastMatch", "lastParen", "leftContext", "rightContext", "input", "$_", "$&", "$+"];
      const found = keys.filter((k) => RegExp[k] !== undefined);
      return found.length === 0 ? null : found;`,
  },
  {
    name: "stack-trace hooks on Error",
    attack: `const tried = [];
      for (const k of ["prepareStackTrace", "stackTraceLimit", "captureStackTrace"]) {
        try { Error[k] = () => input; tried.push(k); } catch (e) {}
      }
      return tried;`,
    input: "secret",
    expect: "ok",
    check: (result) => {
      if (!result.ok || JSON.stringify(result.value) !== "[]") throw new Error("hook installed");
    },
    readBack: `const hooks = ["prepareStackTrace", "stackTraceLimit", "captureStackTrace"].filter((k) => Error[k] !== undefined);
      return hooks.length === 0 && !new Error("x").stack.includes("secret") ? null : hooks;`,
  },
  {
    name: "a WeakMap keyed on an intrinsic, stashed on its prototype",
    attack:
      "const w = new WeakMap([[Object.prototype, input]]); WeakMap.prototype.stash = w; return 1;",
    input: "secret",
    expect: "thrown",
    readBack:
      'return WeakMap.prototype.stash === undefined && !("stash" in WeakMap.prototype) ? null : 1;',
  },
  // Deep values (issue 13 item 11): QuickJS recurses over them in C, where only the host's
  // stack limit applies; overflowing it there is fatal to every sandbox of the process.
  ...(
    [
      ["a result nested 100 000 deep", "return deep;", "invalid_value"],
      ["a thrown value nested 100 000 deep", "throw deep;", "thrown"],
      ["a host argument nested 100 000 deep", "return host.echo(deep);", "thrown"],
      ["JSON.stringify of a value nested 100 000 deep", "return JSON.stringify(deep);", "thrown"],
      [
        "JSON.parse of text nested 100 000 deep",
        'return JSON.parse("[".repeat(1e5) + "]".repeat(1e5));',
        "thrown",
      ],
      ["flat(Infinity) of an array nested 100 000 deep", "return deep.flat(Infinity);", "thrown"],
      [
        "toLocaleString of an array nested 100 000 deep",
        "return deep.toLocaleString();",
        "stack_overflow",
      ],
      [
        "a chain of 100 000 iterator helpers",
        "let it = [1].values(); for (let i = 0; i < 1e5; i++) it = it.map((x) => x); return it.next();",
        "thrown",
      ],
    ] as const
  ).map(
    ([name, body, code]): HostileCase => ({
      name,
      attack: `let deep = 1; for (let i = 0; i < 1e5; i++) deep = [deep]; ${body}`,
      options: { host: echo },
      expect: code,
    }),
  ),
  {
    name: "stashing state in the symbol registry",
    attack:
      'Symbol.for("stash").description; Object.defineProperty(Symbol, "stash", { value: 1 }); return 1;',
    expect: "thrown",
  },
];
