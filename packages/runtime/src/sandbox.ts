import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import { type DirectArg, type DirectCallResult, DirectHostCalls } from "./direct-host-calls.js";
import { RuntimeError } from "./errors.js";
import { currentFrame, type Frame } from "./frames.js";
import { onHostCall, replyToHandle } from "./host-bridge.js";
import { MAX_STACK_BYTES } from "./limits.js";
import { MemoryGuard } from "./memory-guard.js";
import type { ProgramText } from "./program-text.js";
import { SANDBOX_SOURCES, type SandboxSource } from "./sandbox-sources.js";
import type { RunErrorCode } from "./types.js";

/**
 * Units on the meter while a program's shell is evaluated (once, at build): far more than any
 * shell needs, so that a shell that never ends fails the build instead of hanging it.
 */
const SHELL_BUILD_UNITS = 10_000_000;
const HOST_CACHE_SIZE = 16;
const NUMBER_CACHE_SIZE = 8;
/**
 * How much a warm context may keep beyond what it held when it was built (its cached host
 * objects and garbage not yet collected fit well within it); more after a run, and the context
 * is discarded. Also bounds what every run starts with.
 */
export const RETAINED_SLACK_BYTES = 1024 * 1024;
/** Measure the heap after at least every this many runs, even short ones that never polled. */
const MEASURE_EVERY_RUNS = 128;

/** What the sandbox's `signal(kind)` means: the run must end with this code. */
const SIGNALS: Record<string, { code: RunErrorCode; message: string }> = {
  compute: { code: "out_of_compute", message: "compute budget exhausted" },
  stack: { code: "stack_overflow", message: "stack overflow (uncatchable)" },
  memory: { code: "out_of_memory", message: "out of memory (uncatchable)" },
};

/** What the sandbox side of one run produced, before mapping into a `RunResult`. */
export type RawOutcome =
  | { kind: "ok"; json: string }
  | { kind: "thrown"; json: string }
  | { kind: "invalid"; message: string }
  | { kind: "engine"; name: string; message: string };

/** Counts of handles the runtime holds, for leak checks. */
export const handleStats = { sandboxes: 0, transient: 0 };

/**
 * One program's QuickJS runtime and context: hardened once, the program compiled once into a
 * factory that is called per run to produce a fresh module instance. Owns every handle it
 * creates; `dispose()` frees them and the QuickJS runtime.
 */
export class Sandbox {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  private readonly persistent: QuickJSHandle[] = [];
  private readonly hostObjects = new Map<string, QuickJSHandle>();
  private readonly numbers = new Map<number, QuickJSHandle>();
  private runFn!: QuickJSHandle;
  private makeHostFn!: QuickJSHandle;
  private meter!: QuickJSHandle;
  private factory!: QuickJSHandle;
  private readonly guard: MemoryGuard;
  /** The fast path for host calls; `undefined` if quickjs-emscripten's internals changed. */
  private readonly direct: DirectHostCalls | undefined;
  /** Heap bytes right after the build: what a clean context holds. */
  readonly baselineBytes: number;
  private runsSinceMeasure = 0;
  private memoryLimit = -1;
  private stackLimit = -1;
  /** Set when the engine failed in a way that may leave it inconsistent: rebuild before reuse. */
  broken = false;
  /** Set when a run touched a shared object in a way freezing does not stop: recycle it. */
  tainted = false;
  disposed = false;

  constructor(module: QuickJSWASMModule, program: ProgramText, filename: string, memory: number) {
    this.runtime = module.newRuntime();
    this.guard = new MemoryGuard(this.runtime, module.getWasmMemory());
    handleStats.sandboxes++;
    try {
      this.setLimits(memory, MAX_STACK_BYTES);
      this.runtime.setInterruptHandler(() => this.shouldInterrupt());
      this.context = this.runtime.newContext({
        intrinsics: { ...DefaultIntrinsics, Date: false, Promise: false, TypedArrays: false },
      });
      this.direct = DirectHostCalls.install(module, this.context);
      this.compile(program.text, filename, this.bootstrap());
      this.baselineBytes = this.guard.measure();
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  private keep(handle: QuickJSHandle): QuickJSHandle {
    this.persistent.push(handle);
    return handle;
  }

  /** Evaluates the bootstrap and keeps its internal API; returns the functions programs get. */
  private bootstrap(): QuickJSHandle[] {
    const ctx = this.context;
    const signal = ctx.newFunction("signal", (kindHandle, leftHandle) => {
      const frame = currentFrame();
      if (frame?.owner !== this || kindHandle === undefined) return ctx.true;
      const kind = ctx.getString(kindHandle);
      if (kind === "poll") return this.shouldInterrupt() ? ctx.true : ctx.false;
      frame.abort ??= SIGNALS[kind] ?? SIGNALS.compute;
      if (kind !== "compute" && leftHandle !== undefined) {
        frame.spentAtAbort ??= frame.budget - ctx.getNumber(leftHandle);
      }
      return ctx.true;
    });
    const evaluate = (source: SandboxSource) =>
      ctx.unwrapResult(ctx.evalCode(source.text, source.filename));
    const factories = SANDBOX_SOURCES.factories.map(evaluate);
    const setup = evaluate(SANDBOX_SOURCES.bootstrap);
    const api = ctx.unwrapResult(ctx.callFunction(setup, ctx.undefined, signal, ...factories));
    for (const handle of [setup, signal, ...factories]) handle.dispose();
    this.runFn = this.keep(ctx.getProp(api, "run"));
    this.makeHostFn = this.keep(ctx.getProp(api, "makeHost"));
    this.meter = this.keep(ctx.getProp(api, "meter"));
    const bound = ["charge", "caught", "thrown", "guardShared"].map((name) =>
      ctx.getProp(api, name),
    );
    api.dispose();
    return bound;
  }

  /**
   * Evaluates the wrapped program once, binding it to `charge`, and keeps the factory. A
   * program's shell is evaluated here, metered against a build-only budget charged to no run.
   */
  private compile(text: string, filename: string, bound: QuickJSHandle[]): void {
    const ctx = this.context;
    const evaluated = ctx.evalCode(text, filename);
    if (evaluated.error) {
      const error = ctx.dump(evaluated.error) as { message?: string } | string;
      evaluated.error.dispose();
      for (const handle of bound) handle.dispose();
      const message = typeof error === "object" && error !== null ? error.message : String(error);
      throw new RuntimeError("invalid_program", `program does not compile: ${message}`);
    }
    const outer = evaluated.value;
    this.writeMeter(SHELL_BUILD_UNITS);
    const made = ctx.callFunction(outer, ctx.undefined, ...bound);
    this.writeMeter(0);
    outer.dispose();
    for (const handle of bound) handle.dispose();
    if (made.error) {
      const error = ctx.dump(made.error) as { message?: string } | string;
      made.error.dispose();
      const message = typeof error === "object" && error !== null ? error.message : String(error);
      throw new RuntimeError("invalid_program", `program shell fails: ${message}`);
    }
    this.factory = this.keep(made.value);
  }

  /** Sets the QuickJS memory and stack limits, if they differ from the current ones. */
  setLimits(memory: number, stack: number): void {
    if (memory !== this.memoryLimit) {
      this.runtime.setMemoryLimit(memory);
      this.memoryLimit = memory;
    }
    if (stack !== this.stackLimit) {
      this.runtime.setMaxStackSize(stack);
      this.stackLimit = stack;
    }
  }

  /** Current memory and stack limits, so a nested run on this sandbox can restore them. */
  get limits(): [number, number] {
    return [this.memoryLimit, this.stackLimit];
  }

  /**
   * Polled by QuickJS every few thousand bytecode ticks and by the sandbox every 64k units:
   * ends the run once it is aborted, past its deadline or over its memory limit.
   */
  private shouldInterrupt(): boolean {
    const frame = currentFrame();
    if (frame === undefined || frame.owner !== this) return false;
    if (frame.abort !== undefined) return true;
    const now = performance.now();
    if (now > frame.deadlineAt) {
      frame.abort = {
        code: "timeout",
        message: `deadline of ${frame.limits.deadlineMs} ms passed`,
      };
      return true;
    }
    if (this.guard.exceeded(frame.limits.memoryBytes, now)) {
      frame.abort = {
        code: "out_of_memory",
        message: `heap exceeds ${frame.limits.memoryBytes} bytes`,
      };
      return true;
    }
    return false;
  }

  /**
   * Called after a run once no run of this sandbox is active: true if the context must be
   * discarded because the run left something behind (nothing a run allocates may outlive it).
   * A tainted context always is; otherwise the heap is measured (a walk, so only after runs that
   * were polled or grew the memory, and every {@link MEASURE_EVERY_RUNS} runs) and compared
   * with the baseline. Discarding only ever swaps in an identical fresh context, so the
   * decision has no effect on results or units.
   */
  leftTooMuch(): boolean {
    if (this.tainted) return true;
    this.runsSinceMeasure++;
    if (!this.guard.busySinceReset && this.runsSinceMeasure < MEASURE_EVERY_RUNS) return false;
    this.runsSinceMeasure = 0;
    return this.guard.measure() > this.baselineBytes + RETAINED_SLACK_BYTES;
  }

  /** Bytes the QuickJS heap uses now (walks the heap: not for hot paths). */
  heapBytes(): number {
    return this.guard.measure();
  }

  /** Units left on the meter. */
  readMeter(): number {
    const handle = this.context.getProp(this.meter, "left");
    const left = this.context.getNumber(handle);
    handle.dispose();
    return left;
  }

  /** Sets the units left on the meter. */
  writeMeter(left: number): void {
    const handle = this.context.newNumber(left);
    this.context.setProp(this.meter, "left", handle);
    handle.dispose();
  }

  private hostObject(names: string[]): QuickJSHandle {
    const key = names.join("\u0000");
    const cached = this.hostObjects.get(key);
    if (cached !== undefined) return cached;
    const ctx = this.context;
    const json = ctx.newString(JSON.stringify(names));
    const direct = this.direct;
    const raws = names.map((name) =>
      direct === undefined
        ? ctx.newFunction(name, (args) =>
            replyToHandle(ctx, onHostCall(this, name, args && ctx.getString(args))),
          )
        : direct.newFunction(name, (argsJson) => onHostCall(this, name, argsJson)),
    );
    const created = ctx.unwrapResult(
      ctx.callFunction(this.makeHostFn, ctx.undefined, json, ...raws),
    );
    json.dispose();
    for (const raw of raws) raw.dispose();
    if (this.hostObjects.size >= HOST_CACHE_SIZE) {
      const [oldestKey, oldest] = this.hostObjects.entries().next().value as [
        string,
        QuickJSHandle,
      ];
      oldest.dispose();
      this.hostObjects.delete(oldestKey);
    }
    this.hostObjects.set(key, created);
    return created;
  }

  /** A kept handle for a number passed to every run (limits rarely change between runs). */
  private numberHandle(value: number): QuickJSHandle {
    const cached = this.numbers.get(value);
    if (cached !== undefined) return cached;
    if (this.numbers.size >= NUMBER_CACHE_SIZE) {
      for (const handle of this.numbers.values()) handle.dispose();
      this.numbers.clear();
    }
    const handle = this.context.newNumber(value);
    this.numbers.set(value, handle);
    return handle;
  }

  /**
   * Units left on the meter when the last `execute` returned (the run's result carries them, so
   * reading them costs no crossing; read from the meter if the run ended in an engine error).
   */
  leftAfterRun = 0;

  /**
   * Runs `entry` on a fresh module instance under `frame` (already on the frame stack), with
   * `frame.budget` units on the meter. Returns what the sandbox produced; the frame's `abort`
   * wins over it. The units left are in {@link leftAfterRun} afterwards.
   */
  execute(frame: Frame, entry: string, inputJson: string, seed: string): RawOutcome {
    const host = this.hostObject(Object.keys(frame.host));
    this.guard.reset();
    const maxH = this.numberHandle(frame.limits.maxOutputBytes);
    const depthH = this.numberHandle(frame.limits.maxJsonDepth);
    // The budget differs between runs (nested runs get what their parent has left): passed as
    // a new number, not one of the cached ones.
    const args = [this.factory, entry, inputJson, host, seed, maxH, depthH, frame.budget];
    const result = this.callRun(args);
    if ("error" in result) {
      this.leftAfterRun = this.readMeter();
      const error = this.context.dump(result.error) as { name?: unknown; message?: unknown } | null;
      result.error.dispose();
      // QuickJS throws null when it cannot allocate even its out-of-memory error.
      if (error === null)
        return { kind: "engine", name: "InternalError", message: "out of memory" };
      return { kind: "engine", name: String(error.name), message: String(error.message) };
    }
    let text = result.text;
    const bar = text.indexOf("|");
    this.leftAfterRun = Number(text.slice(0, bar));
    text = text.slice(bar + 1);
    if (text.charAt(0) === "x") {
      this.tainted = true;
      text = text.slice(1);
    }
    const tag = text.charAt(0);
    if (tag === "o") return { kind: "ok", json: text.slice(1) };
    if (tag === "t") return { kind: "thrown", json: text.slice(1) };
    return { kind: "invalid", message: text.slice(1) };
  }

  /** Calls the bootstrap's `run`: through the direct path if there is one (one crossing, no handles). */
  private callRun(args: DirectArg[]): DirectCallResult {
    if (this.direct !== undefined) return this.direct.callForString(this.runFn, args);
    const ctx = this.context;
    const handles = args.map((arg) =>
      typeof arg === "string"
        ? ctx.newString(arg)
        : typeof arg === "number"
          ? ctx.newNumber(arg)
          : arg,
    );
    const created = handles.filter((handle, i) => handle !== args[i]);
    handleStats.transient += created.length;
    try {
      const result = ctx.callFunction(this.runFn, ctx.undefined, ...handles);
      if (result.error) return { error: result.error };
      const text = ctx.getString(result.value);
      result.value.dispose();
      return { text };
    } finally {
      for (const handle of created) handle.dispose();
      handleStats.transient -= created.length;
    }
  }

  /** True when host calls take the direct path (see `DirectHostCalls`). */
  get directHostCalls(): boolean {
    return this.direct !== undefined;
  }

  /** Live handles this sandbox holds (persistent ones plus cached host objects). */
  get liveHandles(): number {
    let live = 0;
    for (const handle of this.persistent) if (handle.alive) live++;
    for (const handle of this.hostObjects.values()) if (handle.alive) live++;
    for (const handle of this.numbers.values()) if (handle.alive) live++;
    return live;
  }

  /** Frees every handle, the context and the QuickJS runtime. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const handle of this.hostObjects.values()) if (handle.alive) handle.dispose();
    this.hostObjects.clear();
    for (const handle of this.numbers.values()) if (handle.alive) handle.dispose();
    this.numbers.clear();
    for (const handle of this.persistent) if (handle.alive) handle.dispose();
    this.persistent.length = 0;
    this.direct?.dispose();
    this.context?.dispose();
    this.runtime.dispose();
    handleStats.sandboxes--;
  }
}
