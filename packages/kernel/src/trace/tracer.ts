import type {
  Envelope,
  JsonValue,
  KernelEvent,
  StateChange,
  TraceFrame,
  TraceFrameKind,
} from "../types.js";

/** What a call looked like when it began. */
export interface CallStart {
  caller: string;
  target: unknown;
  method: unknown;
  args: unknown;
  value: unknown;
}

/**
 * Collects a transaction's invoke tree while it runs: the pipeline, the contract runner and
 * `Tx.append` call it when (and only when) a trace was asked for — a transaction without one
 * pays one `undefined` check per hook.
 */
export class Tracer {
  /** The operation itself; its `calls` are the top-level frames. */
  readonly root: TraceFrame;
  readonly #open: TraceFrame[];

  constructor(origin: string, op: string) {
    this.root = frame({ caller: origin, target: "", method: op, args: [], value: 0 }, 0);
    this.#open = [this.root];
  }

  get #current(): TraceFrame {
    return this.#open[this.#open.length - 1] as TraceFrame;
  }

  /** A call begins (before it is validated). */
  enter(call: CallStart): void {
    const f = frame(call, this.#open.length);
    this.#current.calls.push(f);
    this.#open.push(f);
  }

  /** The current call runs as a view, a method or a genesis native. */
  kind(kind: TraceFrameKind): void {
    this.#current.kind = kind;
  }

  /** The current call ended with `env`; a failure rolls back everything under it. */
  exit(env: Envelope): void {
    const f = this.#open.pop();
    if (f === undefined || f === this.root) return;
    f.success = env.success;
    if (env.success) {
      f.result = env.result;
      f.price = env.cost.price;
      f.compute = env.cost.compute;
    } else {
      f.error = env.error;
      markRolledBack(f);
    }
  }

  /** The operation as a whole failed: whatever it did is undone. */
  failed(env: Envelope): void {
    if (!env.success) markRolledBack(this.root);
  }

  /**
   * An event appended by the current frame. `invoke.failed` records are the kernel's account of
   * a frame's failure (its `error` says it) and stay in the transaction's events only.
   */
  event(e: KernelEvent): void {
    if (e.type === "invoke.failed") return;
    const s: TraceFrame["events"][number] = { type: e.type, actor: e.actor, data: e.data };
    if (e.target !== undefined) s.target = e.target;
    this.#current.events.push(s);
  }

  /** The current frame changed a contract's state (JSON texts; null for none). */
  state(artifact: string, before: string | null, after: string): void {
    this.#current.states.push({ artifact, before: parse(before), after: parse(after) });
  }
}

function frame(call: CallStart, depth: number): TraceFrame {
  return {
    caller: call.caller,
    target: String(call.target),
    method: String(call.method),
    kind: "method",
    depth,
    args: Array.isArray(call.args) ? (call.args as JsonValue[]) : [],
    value: typeof call.value === "number" ? call.value : 0,
    price: 0,
    compute: 0,
    success: true,
    rolledBack: false,
    states: [],
    events: [],
    calls: [],
  };
}

function markRolledBack(f: TraceFrame): void {
  f.rolledBack = true;
  for (const c of f.calls) markRolledBack(c);
}

function parse(text: string | null): JsonValue {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

/** The state changes that stayed: first `before` to last `after` per contract, in order. */
export function keptStateChanges(root: TraceFrame): StateChange[] {
  const out = new Map<string, StateChange>();
  const walk = (f: TraceFrame) => {
    if (f.rolledBack) return;
    for (const s of f.states) {
      const seen = out.get(s.artifact);
      if (seen) seen.after = s.after;
      else out.set(s.artifact, { ...s });
    }
    for (const c of f.calls) walk(c);
  };
  walk(root);
  return [...out.values()];
}
