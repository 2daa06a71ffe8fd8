import type { QuickJSRuntime } from "quickjs-emscripten-core";

const USED = /memory used\s+\d+\s+(\d+)/;
/** Never measure more often than this (ms): a measurement walks the whole heap. */
const MIN_INTERVAL_MS = 2;
/** Keep measuring below 1/RATIO of the run's time. */
const COST_RATIO = 10;

/**
 * Enforces a QuickJS runtime's memory limit by measuring it. The prebuilt WebAssembly QuickJS
 * cannot account allocation sizes (emscripten has no `malloc_usable_size`, so QuickJS adds 8
 * bytes per block): `setMemoryLimit` only refuses single allocations larger than the limit.
 * This guard, polled from the interrupt handler, measures the heap with
 * `JS_ComputeMemoryUsage` whenever the WebAssembly memory has grown since the last look, and
 * otherwise at an interval that keeps the measuring under a tenth of the run time.
 */
export class MemoryGuard {
  private lastCheck = 0;
  private lastCost = 0;
  private lastPages = 0;
  private pagesAtReset = 0;

  constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly memory: { readonly buffer: { readonly byteLength: number } },
  ) {}

  /** Starts a run: the first poll measures. */
  reset(): void {
    this.lastCheck = 0;
    this.lastPages = 0;
    this.pagesAtReset = this.memory.buffer.byteLength;
  }

  /**
   * True if, since the last `reset()`, the heap was measured (the run lasted long enough to be
   * polled) or the WebAssembly memory grew: the run may have allocated a lot, so what it left
   * behind is worth measuring.
   */
  get busySinceReset(): boolean {
    return this.lastCheck > 0 || this.memory.buffer.byteLength > this.pagesAtReset;
  }

  /** Bytes the runtime's heap uses now. */
  measure(): number {
    const match = USED.exec(this.runtime.dumpMemoryUsage());
    return match === null ? 0 : Number(match[1]);
  }

  /** True if the heap is over `limit` bytes (only measured when due). */
  exceeded(limit: number, now: number): boolean {
    const pages = this.memory.buffer.byteLength;
    const grown = pages > this.lastPages;
    if (!grown && now - this.lastCheck < Math.max(MIN_INTERVAL_MS, this.lastCost * COST_RATIO)) {
      return false;
    }
    this.lastPages = pages;
    const used = this.measure();
    const after = performance.now();
    this.lastCost = after - now;
    this.lastCheck = after;
    return used > limit;
  }
}
