import type { QuickJSWASMModule } from "quickjs-emscripten-core";
import { RuntimeError } from "./errors.js";
import { resolveLimits } from "./limits.js";
import { LoadedProgram, type ProgramHost } from "./program.js";
import {
  DEFAULT_PROGRAM_CACHE_BYTES,
  DEFAULT_PROGRAM_CACHE_SIZE,
  ProgramCache,
} from "./program-cache.js";
import { loadQuickJs } from "./quickjs.js";
import type {
  CacheStats,
  Program,
  ProgramSource,
  Runtime,
  RuntimeLimits,
  RuntimeOptions,
} from "./types.js";

const DEFAULT_CACHE_SIZE = 64;

/** Counts a leak check reads; see `@ecology/runtime/testing`. */
export interface RuntimeStats {
  disposed: boolean;
  programs: number;
  warmSandboxes: number;
  liveHandles: number;
  /** Sandboxes discarded after a run because it left something behind (see ADR 0020). */
  recycledSandboxes: number;
}

/**
 * Heap bytes held by each warm sandbox of a runtime, beyond what it held when built. Walks every
 * heap: for tests and diagnostics only.
 */
export function retainedBytes(runtime: Runtime): number[] {
  const programs = programsOf.get(runtime);
  if (programs === undefined)
    throw new RuntimeError("invalid_state", "not a runtime of this package");
  return programs().flatMap((program) => (program.isWarm ? [program.retainedBytes()] : []));
}

const statsOf = new WeakMap<Runtime, () => RuntimeStats>();
const programsOf = new WeakMap<Runtime, () => LoadedProgram[]>();

/** Live counts of a runtime created by {@link createRuntime}. */
export function runtimeStats(runtime: Runtime): RuntimeStats {
  const stats = statsOf.get(runtime);
  if (stats === undefined) throw new RuntimeError("invalid_state", "not a runtime of this package");
  return stats();
}

class EcologyRuntime implements Runtime, ProgramHost {
  private readonly programs: ProgramCache<LoadedProgram>;
  /** Warm programs, least recently used first; may include programs the cache forgot. */
  private readonly warm = new Set<LoadedProgram>();
  private disposed = false;
  private recycledSandboxes = 0;

  constructor(
    readonly module: QuickJSWASMModule,
    readonly defaults: RuntimeLimits,
    private readonly cacheSize: number,
    programCache: ProgramCache<LoadedProgram>,
  ) {
    this.programs = programCache;
    statsOf.set(this, () => this.stats());
    programsOf.set(this, () => this.allPrograms());
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  load(source: ProgramSource): Program {
    if (this.disposed) throw new RuntimeError("disposed", "runtime is disposed");
    const cached = this.programs.get(source.id);
    if (cached !== undefined) {
      if (cached.sourceCode !== source.code || cached.shellCode !== source.shell) {
        throw new RuntimeError(
          "invalid_state",
          `program ${source.id} is already loaded with different code (ids must name one code)`,
        );
      }
      return cached;
    }
    const program = new LoadedProgram(this, source);
    this.programs.add(program);
    return program;
  }

  touch(program: LoadedProgram): void {
    this.programs.touch(program);
    this.warm.delete(program);
    this.warm.add(program);
    if (this.warm.size <= this.cacheSize) return;
    for (const candidate of this.warm) {
      if (this.warm.size <= this.cacheSize) break;
      if (candidate === program || candidate.active > 0) continue;
      candidate.cool();
      this.warm.delete(candidate);
    }
  }

  resized(program: LoadedProgram): void {
    this.programs.resized(program);
  }

  recycled(): void {
    this.recycledSandboxes++;
  }

  forget(program: LoadedProgram): void {
    this.warm.delete(program);
    this.programs.remove(program);
  }

  cacheStats(): CacheStats {
    let contexts = 0;
    for (const program of this.warm) if (program.isWarm) contexts++;
    return {
      programs: this.programs.size,
      bytes: this.programs.bytes,
      contexts,
      maxPrograms: this.programs.maxPrograms,
      maxBytes: this.programs.maxBytes,
      maxContexts: this.cacheSize,
    };
  }

  /** Cached programs and warm ones the cache forgot: every program that may hold handles. */
  private allPrograms(): LoadedProgram[] {
    return [...new Set([...this.programs.values(), ...this.warm])];
  }

  private stats(): RuntimeStats {
    let liveHandles = 0;
    let warmSandboxes = 0;
    for (const program of this.allPrograms()) {
      liveHandles += program.liveHandles;
      if (program.isWarm) warmSandboxes++;
    }
    return {
      disposed: this.disposed,
      programs: this.programs.size,
      warmSandboxes,
      liveHandles,
      recycledSandboxes: this.recycledSandboxes,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    const programs = this.allPrograms();
    if (programs.some((program) => program.active > 0)) {
      throw new RuntimeError(
        "invalid_state",
        "cannot dispose a runtime while one of its programs runs",
      );
    }
    for (const program of programs) program.dispose();
    this.programs.clear();
    this.warm.clear();
    this.disposed = true;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * Creates a runtime: loads the QuickJS WebAssembly module (once per process) and returns a
 * loader of programs. Each loaded program gets its own hardened QuickJS runtime and context,
 * kept warm for `cacheSize` programs (default 64). Loaded programs are cached by id, at most
 * `programCache.maxPrograms` of them (default 1024) holding at most `programCache.maxBytes` of
 * code and source maps (default 64 MiB), least recently used forgotten first. Dispose the
 * runtime to free them all. Throws `RuntimeError` (`invalid_limits`) if `defaultLimits`,
 * `cacheSize` or `programCache` are invalid.
 *
 * @example
 * ```ts
 * using runtime = await createRuntime({ defaultLimits: { compute: 1_000_000 } });
 * const program = runtime.load({ id: "adder@1", code: "module.exports.add = (i) => i.a + i.b" });
 * program.run("add", { a: 1, b: 2 }); // { ok: true, value: 3, compute: … }
 * ```
 */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  return createRuntimeOn(await loadQuickJs(), options);
}

/**
 * {@link createRuntime} on a QuickJS module of the caller's choosing: for benchmarks that
 * compare engine builds (ADR 0041). Not exported from the package; same throws as
 * `createRuntime`. The module must outlive the runtime.
 */
export function createRuntimeOn(module: QuickJSWASMModule, options: RuntimeOptions = {}): Runtime {
  const defaults = resolveLimits(options.defaultLimits);
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (!(cacheSize >= 1)) throw new RuntimeError("invalid_limits", "cacheSize must be at least 1");
  const programs = new ProgramCache<LoadedProgram>(
    options.programCache?.maxBytes ?? DEFAULT_PROGRAM_CACHE_BYTES,
    options.programCache?.maxPrograms ?? DEFAULT_PROGRAM_CACHE_SIZE,
  );
  return new EcologyRuntime(module, defaults, cacheSize, programs);
}
