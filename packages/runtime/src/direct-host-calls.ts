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
}

/** The emscripten module's string helpers. */
interface Emscripten {
  UTF8ToString(ptr: number): string;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, ptr: number, max: number): void;
  _malloc(size: number): number;
  _free(ptr: number): void;
}

/**
 * The internals of a quickjs-emscripten-core 0.32 context this path relies on (the version is
 * pinned); `undefined` when their shape differs, and the sandbox then keeps the public path.
 */
interface ContextInternals {
  ctx?: { value?: unknown };
  module?: Partial<Emscripten>;
  cToHostCallbacks?: { callFunction?: unknown };
  getFunction?: unknown;
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

  private constructor(
    private readonly context: QuickJSContext,
    private readonly ffi: Ffi,
    private readonly em: Emscripten,
    private readonly ctxPtr: number,
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
    if (
      !DirectHostCalls.enabled ||
      typeof ctxPtr !== "number" ||
      typeof callbacks?.callFunction !== "function" ||
      typeof getFunction !== "function" ||
      em === undefined ||
      !["UTF8ToString", "lengthBytesUTF8", "stringToUTF8", "_malloc", "_free"].every(
        (key) => typeof em[key as keyof Emscripten] === "function",
      )
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
    ];
    if (!needed.every((key) => typeof ffi[key] === "function")) return undefined;
    const direct = new DirectHostCalls(context, ffi as Ffi, em as Emscripten, ctxPtr);
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
    if (typeof reply === "string") {
      const em = this.em;
      const size = em.lengthBytesUTF8(reply) + 1;
      const ptr = em._malloc(size);
      em.stringToUTF8(reply, ptr, size);
      const value = ffi.QTS_NewString(ctxPtr, ptr);
      em._free(ptr);
      return value;
    }
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
