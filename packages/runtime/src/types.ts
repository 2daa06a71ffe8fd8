/** A value that crosses the sandbox boundary. Only JSON crosses: no functions, no host objects. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Limits for one run. Every field is optional when passed; defaults come from the runtime. */
export interface RuntimeLimits {
  /** Deterministic compute units this run may spend (nested runs draw from the same budget). */
  compute: number;
  /** Heap limit of the program's sandbox in bytes (default 32 MiB). */
  memoryBytes: number;
  /** Native stack limit in bytes (default and maximum 256 KiB). */
  stackBytes: number;
  /** Wall-clock safety net in milliseconds; not deterministic, only for builtins that run long. */
  deadlineMs: number;
  /** Maximum size of the JSON input in bytes. */
  maxInputBytes: number;
  /** Maximum size of the JSON output in bytes. */
  maxOutputBytes: number;
  /**
   * Deepest nesting of arrays and objects (default 256) in any JSON crossing the sandbox
   * boundary: input, output, thrown values, host-function arguments and results. Deeper values
   * fail as `invalid_value` (or a catchable error in the sandbox for host calls) before any
   * recursive code can overflow a stack.
   */
  maxJsonDepth: number;
}

/** Why a run failed. */
export type RunErrorCode =
  | "out_of_compute"
  | "out_of_memory"
  | "timeout"
  | "stack_overflow"
  | "thrown"
  | "invalid_value";

/** A position in the original (TypeScript) source, from the program's source map. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A failed run. */
export interface RunError {
  code: RunErrorCode;
  message: string;
  /** The stack, mapped back to original source lines where a source map was given. */
  stack?: string;
  /** Where the program threw, in original source. */
  at?: SourcePosition;
  /** For `thrown`: the thrown value as JSON (an Error becomes `{ name, message }`). */
  value?: JsonValue;
}

/** The outcome of one run. `compute` includes the units of nested runs it started. */
export type RunResult =
  | { ok: true; value: JsonValue; compute: number }
  | { ok: false; error: RunError; compute: number };

/**
 * A host function handed to a run. Arguments and return value are JSON. Throwing an `Error`
 * throws a catchable error inside the sandbox with the same message; throwing a `RunAbort`
 * ends the whole run (uncatchable by the program) with the abort's code.
 */
export type HostFunction = (...args: JsonValue[]) => JsonValue | undefined;

/** The explicit host API of a run: the only things the program can reach. */
export type HostApi = Readonly<Record<string, HostFunction>>;

/** Compiled JavaScript to load. `code` is a CommonJS-style script that assigns `module.exports`. */
export interface ProgramSource {
  /**
   * Cache key: the same id is compiled once while the program cache keeps it (e.g.
   * `artifactId@version`).
   */
  id: string;
  code: string;
  /** A source map (JSON text) for `code`, used to map stacks back to the original source. */
  sourceMap?: string;
  /** Name shown in stacks when there is no source map. */
  filename?: string;
  /**
   * Trusted code of the program's loader, evaluated once per sandbox (not once per run), after
   * `code` in the same file (its lines follow `code`'s, so stack positions past `code`'s last
   * line are the shell's). It is a CommonJS-style script whose `module.exports` must be a
   * function, the linker: every run calls it with the fresh instance's `module.exports`, looks
   * the entry up on what it returns and calls the entry with that object as `this`. It is
   * metered like `code` while runs use it; its own evaluation is not charged to any run. What it
   * keeps outlives runs, so it must keep nothing a run could change or observe (freeze it, keep
   * per-run data in per-run objects). Part of the program's identity, like `code`.
   * @example
   * { id: "c@1", code: "module.exports = { n: 1 }",
   *   shell: "const get = function () { return this.m.n };\n" +
   *     "module.exports = (m) => ({ m, get })" }
   */
  shell?: string;
}

/** Options of one run. */
export interface RunOptions {
  /** The host API, reachable in the program as the second argument of the entry function. */
  host?: HostApi;
  limits?: Partial<RuntimeLimits>;
  /** Seed of the program's `Math.random` replacement for this run. */
  seed?: string;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** Limits applied to every run unless the run overrides them. */
  defaultLimits?: Partial<RuntimeLimits>;
  /** How many loaded programs stay warm (least recently used are unloaded first). Default 64. */
  cacheSize?: number;
  /**
   * Bounds of the cache of loaded programs by id (least recently loaded or run forgotten
   * first). A forgotten program is not disposed: references to it keep working, and loading
   * its id again compiles it anew.
   */
  programCache?: {
    /**
     * Most bytes of code and source maps kept: source, instrumented code and source map
     * (string lengths), plus ~4× the map once a failure needed it parsed. Default 64 MiB.
     */
    maxBytes?: number;
    /** Most programs kept (each also costs ~3 KB of bookkeeping). Default 1024. */
    maxPrograms?: number;
  };
}

/** What a runtime's caches hold now, and their bounds; see {@link Runtime.cacheStats}. */
export interface CacheStats {
  /** Programs in the program cache. */
  programs: number;
  /** Bytes those programs keep, as counted against `maxBytes`. */
  bytes: number;
  /** Warm hardened QuickJS contexts (one per warm program). */
  contexts: number;
  maxPrograms: number;
  maxBytes: number;
  /** `cacheSize`: the most warm contexts. */
  maxContexts: number;
}

/**
 * A loaded program: compiled once, run many times, each run on a fresh module instance.
 * Owned by the {@link Runtime} that loaded it; disposing the runtime disposes it.
 */
export interface Program {
  /** The `ProgramSource.id` it was loaded from. */
  readonly id: string;
  /**
   * Calls `module.exports[entry](input, host)` on a fresh instance of the module. Expected
   * failures (limits, throws, non-JSON values) are returned as `{ ok: false }`; only misuse
   * (disposed program, invalid limits) throws a `RuntimeError`. May be called synchronously
   * from inside a host function of another run (a nested run).
   */
  run(entry: string, input: JsonValue, options?: RunOptions): RunResult;
  /** Frees the program's sandbox. Further runs throw `RuntimeError` (`disposed`). */
  dispose(): void;
}

/** Loads and caches programs. Create with {@link createRuntime}; dispose when done. */
export interface Runtime {
  /**
   * Compiles `source`, or returns the program already loaded under `source.id`. Throws
   * `RuntimeError`: `invalid_program` if the code does not parse or uses what the sandbox
   * refuses (async code, `import()`, `__eco$` identifiers), `invalid_state` if the id is
   * cached with different code (an id must name one code; a forgotten id is not checked),
   * `disposed` after `dispose()`.
   */
  load(source: ProgramSource): Program;
  /**
   * What the runtime's caches hold now (programs, their bytes, warm contexts) and their
   * bounds. Cheap: reads counters, walks no heap.
   *
   * @example
   * ```ts
   * const { bytes, maxBytes } = runtime.cacheStats(); // bytes <= maxBytes, always
   * ```
   */
  cacheStats(): CacheStats;
  /**
   * Disposes every program and sandbox this runtime owns. Idempotent. Throws `RuntimeError`
   * (`invalid_state`) if called from inside a run of one of its programs.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}
