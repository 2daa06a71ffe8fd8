import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core";
import { type HostReply, replyToHandle } from "./host-bridge.js";

/** A raw host function on the direct path: JSON text of the arguments in, a reply out. */
export type DirectHostFunction = (argsJson: string | undefined) => HostReply;

type CallFunction = (
  ctx: number,
  thisPtr: number,
  argc: number,
  argv: number,
  fnId: number,
) => number;

/** The few FFI entry points the direct path uses (`QuickJSWASMModule.getFFI()`). */
interface Ffi {
  QTS_ArgvGetJSValueConstPointer(argv: number, index: number): number;
  QTS_GetString(ctx: number, value: number): number;
  QTS_FreeCString(ctx: number, str: number): void;
  QTS_NewString(ctx: number, str: number): number;
  QTS_NewFloat64(ctx: number, num: number): number;
  QTS_DupValuePointer(ctx: number, value: number): number;
  QTS_Throw(ctx: number, error: number): number;
  QTS_Call(ctx: number, fn: number, thisVal: number, argc: number, argv: number): number;
  QTS_ResolveException(ctx: number, maybeException: number): number;
  QTS_FreeValuePointer(ctx: number, value: number): void;
}

/** The emscripten module's string helpers. */
interface Emscripten {
  UTF8ToString(ptr: number): string;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, ptr: number, max: number): void;
  _malloc(size: number): number;
  _free(ptr: number): void;
  /** The WebAssembly memory as bytes (replaced when the memory grows). */
  HEAPU8: Uint8Array;
}

/**
 * An argument of {@link DirectHostCalls.callForString}: a string or a number (passed as a new
 * QuickJS value), or a handle (passed as it is).
 */
export type DirectArg = string | number | QuickJSHandle;

/** What {@link DirectHostCalls.callForString} returns: the result's text, or what it threw. */
export type DirectCallResult = { text: string } | { error: QuickJSHandle };

/** The most arguments {@link DirectHostCalls.callForString} passes. */
const MAX_ARGS = 16;

/**
 * The internals of a quickjs-emscripten-core 0.32 context this path relies on (the version is
 * pinned); `undefined` when their shape differs, and the sandbox then keeps the public path.
 */
interface ContextInternals {
  ctx?: { value?: unknown };
  module?: Partial<Emscripten>;
  cToHostCallbacks?: { callFunction?: unknown };
  getFunction?: unknown;
  memory?: { heapValueHandle?: unknown };
}

/**
 * Routes calls of the raw host functions created by {@link DirectHostCalls.newFunction} around
 * quickjs-emscripten's generic C-to-host callback (a generator, a scope and a handle object per
 * argument, ~2 µs per call): the argument string is read and the result value created straight
 * through the FFI. Every other host function of the context still takes the generic path.
 * Lives as long as its context; create it right after the context.
 */
export class DirectHostCalls {
  /** Off makes later sandboxes use the generic path (for tests of that fallback). */
  static enabled = true;
  private readonly routes = new WeakMap<object, DirectHostFunction>();
  /** Argument vector of `callForString`, allocated on first use and freed with the context. */
  private argv = 0;
  /** A view of the WebAssembly memory, remade when the memory grows (its buffer changes). */
  private view: DataView | undefined;

  private constructor(
    private readonly context: QuickJSContext,
    private readonly ffi: Ffi,
    private readonly em: Emscripten,
    private readonly ctxPtr: number,
    /** Wraps a value pointer this context owns in a handle (quickjs-emscripten's own helper). */
    private readonly toHandle: (ptr: number) => QuickJSHandle,
  ) {}

  /**
   * Installs the direct path on `context`, or returns `undefined` (nothing changed) if the
   * internals it needs are not there.
   */
  static install(module: QuickJSWASMModule, context: QuickJSContext): DirectHostCalls | undefined {
    const internals = context as unknown as ContextInternals;
    const callbacks = internals.cToHostCallbacks;
    const em = internals.module;
    const ctxPtr = internals.ctx?.value;
    const getFunction = internals.getFunction;
    const heapValueHandle = internals.memory?.heapValueHandle;
    if (
      typeof heapValueHandle !== "function" ||
      !DirectHostCalls.enabled ||
      typeof ctxPtr !== "number" ||
      typeof callbacks?.callFunction !== "function" ||
      typeof getFunction !== "function" ||
      em === undefined ||
      !["UTF8ToString", "lengthBytesUTF8", "stringToUTF8", "_malloc", "_free"].every(
        (key) => typeof em[key as keyof Emscripten] === "function",
      ) ||
      !(em.HEAPU8 instanceof Uint8Array)
    ) {
      return undefined;
    }
    const ffi = (typeof module.getFFI === "function" ? module.getFFI() : {}) as Partial<Ffi>;
    const needed: (keyof Ffi)[] = [
      "QTS_ArgvGetJSValueConstPointer",
      "QTS_GetString",
      "QTS_FreeCString",
      "QTS_NewString",
      "QTS_NewFloat64",
      "QTS_DupValuePointer",
      "QTS_Throw",
      "QTS_Call",
      "QTS_ResolveException",
      "QTS_FreeValuePointer",
    ];
    if (!needed.every((key) => typeof ffi[key] === "function")) return undefined;
    const memory = internals.memory as { heapValueHandle(ptr: number): QuickJSHandle };
    const toHandle = (ptr: number) => heapValueHandle.call(memory, ptr) as QuickJSHandle;
    const direct = new DirectHostCalls(context, ffi as Ffi, em as Emscripten, ctxPtr, toHandle);
    const generic = callbacks.callFunction as CallFunction;
    const lookup = getFunction as (id: number) => object;
    const routed: CallFunction = (ctx, thisPtr, argc, argv, fnId) => {
      const fn = ctx === ctxPtr ? lookup.call(context, fnId) : undefined;
      const route = fn === undefined ? undefined : direct.routes.get(fn);
      if (route === undefined) return generic(ctx, thisPtr, argc, argv, fnId);
      return direct.call(route, argc, argv);
    };
    callbacks.callFunction = routed;
    return direct;
  }

  /** A raw host function taking one string; the handle is the caller's to dispose. */
  newFunction(name: string, fn: DirectHostFunction): QuickJSHandle {
    const ctx = this.context;
    // What the generic path would do with it, should a call ever bypass the direct one.
    const raw = (args: QuickJSHandle | undefined) =>
      replyToHandle(ctx, fn(args === undefined ? undefined : ctx.getString(args)));
    this.routes.set(raw, fn);
    return ctx.newFunction(name, raw);
  }

  /**
   * Calls `fn` (a function of this context) with `this` undefined and `args`, strings and numbers
   * passed as new QuickJS values and handles as they are; returns the result converted to a string, or
   * the thrown value as a handle the caller must dispose. What `context.callFunction` and
   * `getString` do, without a handle, a pointer array and a lifetime per argument and per
   * result: the argument vector is allocated once (QuickJS copies it when the call starts, so
   * a nested call may reuse it).
   */
  callForString(fn: QuickJSHandle, args: readonly DirectArg[]): DirectCallResult {
    const { ffi, ctxPtr, em } = this;
    if (args.length > MAX_ARGS) throw new RangeError(`more than ${MAX_ARGS} arguments`);
    if (this.argv === 0) this.argv = em._malloc(4 * MAX_ARGS);
    const created: number[] = [];
    try {
      for (let i = 0; i < args.length; i++) {
        const arg = args[i] as DirectArg;
        let ptr: number;
        if (typeof arg === "object") ptr = arg.value as number;
        else {
          ptr = typeof arg === "string" ? this.newString(arg) : ffi.QTS_NewFloat64(ctxPtr, arg);
          created.push(ptr);
        }
        this.memoryView().setUint32(this.argv + 4 * i, ptr, true);
      }
      const undef = this.context.undefined.value as number;
      const result = ffi.QTS_Call(ctxPtr, fn.value as number, undef, args.length, this.argv);
      const error = ffi.QTS_ResolveException(ctxPtr, result);
      if (error !== 0) {
        ffi.QTS_FreeValuePointer(ctxPtr, result);
        return { error: this.toHandle(error) };
      }
      const cstr = ffi.QTS_GetString(ctxPtr, result);
      const text = em.UTF8ToString(cstr);
      ffi.QTS_FreeCString(ctxPtr, cstr);
      ffi.QTS_FreeValuePointer(ctxPtr, result);
      return { text };
    } finally {
      for (const ptr of created) ffi.QTS_FreeValuePointer(ctxPtr, ptr);
    }
  }

  private memoryView(): DataView {
    const buffer = this.em.HEAPU8.buffer;
    if (this.view?.buffer !== buffer) this.view = new DataView(buffer);
    return this.view;
  }

  /** Frees what `callForString` allocated; call before the context is disposed. */
  dispose(): void {
    if (this.argv !== 0) this.em._free(this.argv);
    this.argv = 0;
  }

  /** A new QuickJS string value pointer holding `text`, the caller's to free. */
  private newString(text: string): number {
    const em = this.em;
    const size = em.lengthBytesUTF8(text) + 1;
    const ptr = em._malloc(size);
    em.stringToUTF8(text, ptr, size);
    const value = this.ffi.QTS_NewString(this.ctxPtr, ptr);
    em._free(ptr);
    return value;
  }

  private call(route: DirectHostFunction, argc: number, argv: number): number {
    const { ffi, ctxPtr } = this;
    try {
      let argsJson: string | undefined;
      if (argc > 0) {
        const cstr = ffi.QTS_GetString(ctxPtr, ffi.QTS_ArgvGetJSValueConstPointer(argv, 0));
        argsJson = this.em.UTF8ToString(cstr);
        ffi.QTS_FreeCString(ctxPtr, cstr);
      }
      return this.toValue(route(argsJson));
    } catch (error) {
      // Only a bug of ours gets here (host functions' errors are replies): like the generic
      // path, it becomes an error in the sandbox rather than a silent `undefined`.
      const message = error instanceof Error ? error.message : String(error);
      return this.toValue({ error: { name: "Error", message } });
    }
  }

  /** The reply as a new QuickJS value pointer, which QuickJS takes over (0 is `undefined`). */
  private toValue(reply: HostReply): number {
    const { ffi, ctxPtr, context } = this;
    if (reply === undefined) return 0;
    if (typeof reply === "number") return ffi.QTS_NewFloat64(ctxPtr, reply);
    if (typeof reply === "string") return this.newString(reply);
    if (reply === null) return ffi.QTS_DupValuePointer(ctxPtr, context.null.value as number);
    if (typeof reply === "boolean") {
      const handle = reply ? context.true : context.false;
      return ffi.QTS_DupValuePointer(ctxPtr, handle.value as number);
    }
    const error = context.newError(reply.error);
    const thrown = ffi.QTS_Throw(ctxPtr, error.value as number);
    error.dispose();
    return thrown;
  }
}
