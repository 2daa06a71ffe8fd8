import type { QuickJSWASMModule } from "quickjs-emscripten-core";
import { RuntimeError } from "./errors.js";
import { activeFrames, currentFrame, type Frame, MAX_NESTING, withFrame } from "./frames.js";
import { unitsLeftAtHostCall } from "./host-bridge.js";
import { instrument } from "./instrument.js";
import { exceedsBytes, nestedDeeperThan } from "./json.js";
import { resolveLimits } from "./limits.js";
import { failure, toResult } from "./outcome.js";
import { lineCount, type ProgramText, programText } from "./program-text.js";
import { type RawOutcome, Sandbox } from "./sandbox.js";
import { StackMapper } from "./source-mapper.js";
import type {
  HostApi,
  JsonValue,
  Program,
  ProgramSource,
  RunOptions,
  RunResult,
  RuntimeLimits,
} from "./types.js";

/** What a program needs from the runtime that loaded it. */
export interface ProgramHost {
  readonly module: QuickJSWASMModule;
  readonly defaults: RuntimeLimits;
  /** True once the runtime is disposed: its programs, cached or not, no longer run. */
  readonly isDisposed: boolean;
  /** Called whenever the program's sandbox is (re)built or used, for the LRUs. */
  touch(program: LoadedProgram): void;
  /** Called when the program's `cacheBytes` changed (its source map was parsed). */
  resized(program: LoadedProgram): void;
  /** Called when a run left the sandbox dirty and it was discarded (ADR 0020). */
  recycled(program: LoadedProgram): void;
  /** Called when the program is disposed by its owner. */
  forget(program: LoadedProgram): void;
}

/** The input as JSON text, or the failed result if it is not JSON or too large. */
function encodeInput(input: JsonValue, limits: RuntimeLimits): string | RunResult {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch (error) {
    return failure("invalid_value", `input is not JSON: ${(error as Error).message}`, 0);
  }
  if (json === undefined) return failure("invalid_value", "input is not JSON", 0);
  if (exceedsBytes(json, limits.maxInputBytes)) {
    return failure("invalid_value", `input exceeds ${limits.maxInputBytes} bytes`, 0);
  }
  if (nestedDeeperThan(json, limits.maxJsonDepth)) {
    return failure("invalid_value", `input nested deeper than ${limits.maxJsonDepth} levels`, 0);
  }
  return json;
}

function safeFilename(source: ProgramSource): string {
  return (source.filename ?? source.id).replace(/[^\w.@/-]/g, "_") || "program.js";
}

/**
 * A program loaded by a runtime: its instrumented code and, while warm, its sandbox. A cold
 * program (sandbox evicted by the LRU or rebuilt after an engine failure) recompiles on the
 * next run, so a `Program` reference stays valid until it or its runtime is disposed, even
 * once the runtime's program cache has forgotten it.
 */
export class LoadedProgram implements Program {
  readonly id: string;
  /** The source code it was loaded from (a later load of the same id must match it). */
  readonly sourceCode: string;
  /** The shell it was loaded with (`ProgramSource.shell`), part of its identity like the code. */
  readonly shellCode: string | undefined;
  private readonly code: ProgramText;
  private readonly filename: string;
  private readonly mapper: StackMapper;
  private sandbox: Sandbox | undefined;
  /** The last frozen limits layer a run was given, and what it resolved to. */
  private lastLayer: Partial<RuntimeLimits> | undefined;
  private lastLimits: RuntimeLimits | undefined;
  /** The runtime's defaults, resolved and frozen, for runs given no limits. */
  private defaultLimits: RuntimeLimits | undefined;
  /** Runs of this program currently on the frame stack (never evicted while > 0). */
  active = 0;
  disposed = false;
  /** Characters of the source, the instrumented code and the source map. */
  private readonly textBytes: number;

  constructor(
    private readonly host: ProgramHost,
    source: ProgramSource,
  ) {
    this.id = source.id;
    this.sourceCode = source.code;
    this.shellCode = source.shell;
    const code = instrument(source.code);
    const shell = source.shell === undefined ? undefined : instrument(source.shell);
    this.code = programText(code, lineCount(source.code), shell);
    this.filename = safeFilename(source);
    this.mapper = new StackMapper(
      this.filename,
      this.code.insertions,
      this.code.prefixLength,
      source.sourceMap,
      () => this.host.resized(this),
    );
    this.textBytes =
      source.code.length +
      (source.shell?.length ?? 0) +
      this.code.text.length +
      (source.sourceMap?.length ?? 0);
    this.warm();
  }

  /**
   * Estimated bytes this program keeps outside QuickJS, what the runtime's program cache
   * counts: its source, instrumented code and source map (string lengths), plus the parsed
   * source map once a failure needed it.
   */
  get cacheBytes(): number {
    return this.textBytes + this.mapper.parsedBytes;
  }

  /** The sandbox, built if cold (or rebuilt if broken, once no run of it is suspended). */
  private warm(): Sandbox {
    if (this.sandbox === undefined || (this.sandbox.broken && this.active === 0)) {
      this.sandbox?.dispose();
      this.sandbox = undefined;
      this.sandbox = new Sandbox(
        this.host.module,
        this.code,
        this.filename,
        this.host.defaults.memoryBytes,
      );
    }
    this.host.touch(this);
    return this.sandbox;
  }

  /** True while a sandbox is built. */
  get isWarm(): boolean {
    return this.sandbox !== undefined;
  }

  /** Live handles of the sandbox, 0 when cold. */
  get liveHandles(): number {
    return this.sandbox?.liveHandles ?? 0;
  }

  /** Bytes the sandbox's QuickJS heap uses now (0 when cold); for tests and diagnostics. */
  heapBytes(): number {
    return this.sandbox?.heapBytes() ?? 0;
  }

  /** Heap bytes the sandbox holds beyond its baseline (0 when cold); for tests and diagnostics. */
  retainedBytes(): number {
    const sandbox = this.sandbox;
    return sandbox === undefined ? 0 : sandbox.heapBytes() - sandbox.baselineBytes;
  }

  /** Frees the sandbox but keeps the program loadable (LRU eviction). */
  cool(): void {
    if (this.active > 0) return;
    this.sandbox?.dispose();
    this.sandbox = undefined;
  }

  run(entry: string, input: JsonValue, options: RunOptions = {}): RunResult {
    if (this.disposed || this.host.isDisposed) {
      throw new RuntimeError("disposed", `program ${this.id} is disposed`);
    }
    const limits = this.limitsOf(options.limits);
    const parent = currentFrame();
    if (parent !== undefined && !parent.inHostCall) {
      throw new RuntimeError("invalid_state", "a run may only start inside a host function");
    }
    if (activeFrames() >= MAX_NESTING) {
      return failure("stack_overflow", `runs nested deeper than ${MAX_NESTING}`, 0);
    }
    const inputJson = encodeInput(input, limits);
    if (typeof inputJson !== "string") return inputJson;
    const frame = this.newFrame(limits, options.host ?? {}, parent);
    if (parent !== undefined) parent.childRuns++;
    const compute = this.execute(frame, entry, inputJson, options.seed ?? "");
    if (parent !== undefined) parent.childUnits += compute.units;
    return toResult(frame, compute.outcome, this.mapper, compute.units);
  }

  /**
   * The limits of a run: `layer` over the runtime's defaults. No layer, or a frozen layer (the kernel passes
   * the same frozen object to most runs) is resolved once and its result reused, frozen too;
   * any other layer is resolved afresh, since its caller may change it between runs.
   */
  private limitsOf(layer: Partial<RuntimeLimits> | undefined): RuntimeLimits {
    // The runtime's defaults never change: without a layer, they are the run's limits.
    if (layer === undefined) {
      this.defaultLimits ??= Object.freeze(resolveLimits(this.host.defaults));
      return this.defaultLimits;
    }
    if (!Object.isFrozen(layer)) return resolveLimits(this.host.defaults, layer);
    if (layer !== this.lastLayer || this.lastLimits === undefined) {
      this.lastLimits = Object.freeze(resolveLimits(this.host.defaults, layer));
      this.lastLayer = layer;
    }
    return this.lastLimits;
  }

  /** A frame for a run: its budget and deadline are capped by the parent run's, if nested. */
  private newFrame(limits: RuntimeLimits, host: HostApi, parent: Frame | undefined): Frame {
    const available =
      parent === undefined ? limits.compute : unitsLeftAtHostCall(parent) - parent.childUnits;
    const deadlineAt = performance.now() + limits.deadlineMs;
    return {
      owner: this.warm(),
      limits,
      host,
      budget: Math.max(0, Math.min(limits.compute, available)),
      deadlineAt: Math.min(deadlineAt, parent?.deadlineAt ?? Number.POSITIVE_INFINITY),
      abort: undefined,
      inHostCall: false,
      hostLeft: undefined,
      childUnits: 0,
      childRuns: 0,
      spentAtAbort: undefined,
    };
  }

  private execute(
    frame: Frame,
    entry: string,
    inputJson: string,
    seed: string,
  ): { outcome: RawOutcome; units: number } {
    const sandbox = frame.owner as Sandbox;
    const [memory, stack] = sandbox.limits;
    let outcome: RawOutcome;
    let left = 0;
    this.active++;
    try {
      sandbox.setLimits(frame.limits.memoryBytes, frame.limits.stackBytes);
      outcome = withFrame(frame, () => sandbox.execute(frame, entry, inputJson, seed));
      left = sandbox.leftAfterRun;
      // Async code is refused at load, so no job can be queued; if one ever is, it could carry
      // work into a later run: rebuild the sandbox rather than keep it.
      if (sandbox.runtime.hasPendingJob()) sandbox.broken = true;
    } catch (error) {
      // The engine itself failed (e.g. the host's stack overflowed inside WebAssembly): the
      // sandbox may be inconsistent, so it is rebuilt before the next run.
      sandbox.broken = true;
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = { kind: "engine", name: e.name, message: e.message };
    } finally {
      this.active--;
      // A nested run on the same sandbox (reentrancy) gives the outer run its limits back.
      if (!sandbox.broken && currentFrame()?.owner === sandbox) sandbox.setLimits(memory, stack);
      if (this.active === 0 && !sandbox.broken) this.recycleIfDirty(sandbox);
    }
    // An exhausted meter reads negative; clamping makes "ran out" cost exactly the budget.
    const spent = frame.spentAtAbort ?? frame.budget - left;
    return { outcome, units: Math.min(frame.budget, Math.max(0, spent)) };
  }

  /** Discards the sandbox if the run left something behind; the next run builds a fresh one. */
  private recycleIfDirty(sandbox: Sandbox): void {
    if (!sandbox.leftTooMuch()) return;
    sandbox.dispose();
    if (this.sandbox === sandbox) this.sandbox = undefined;
    this.host.recycled(this);
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.active > 0) {
      throw new RuntimeError("invalid_state", `program ${this.id} is running`);
    }
    this.disposed = true;
    this.sandbox?.dispose();
    this.sandbox = undefined;
    this.host.forget(this);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
