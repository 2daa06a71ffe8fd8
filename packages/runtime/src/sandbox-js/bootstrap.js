// @ts-check
// biome-ignore-all lint/style/useTemplate: QuickJS compiles template literals into String.prototype.concat calls; the sandbox's own code concatenates with + and depends on no prototype method.
// The sandbox side of the runtime, evaluated once per context before any program code (see
// sandbox-sources.ts, which loads this file and the factories it is handed). It keeps the
// meter, wraps host functions so that only JSON text reaches them, runs a program's entry on
// a fresh module instance, and locks the context down (lockdown.js). It evaluates to a function
// taking the raw host function `signal` and the factories of prng.js, bounded-json.js and
// lockdown.js, and returning the internal API (`SandboxApi`), unreachable from programs.

/** @type {SandboxBootstrap} */
(
  function bootstrap(signal, createPrng, createBoundedJson, createLockdown) {
    // biome-ignore lint/suspicious/noRedundantUseStrict: QuickJS evaluates this file as a script, not a module: without the directive this code would be sloppy.
    "use strict";
    const { freeze, getPrototypeOf, defineProperty, create } = Object;
    const apply = Reflect.apply;
    const jsonParse = JSON.parse;
    const ErrorCtor = Error;
    const TypeErrorCtor = TypeError;
    const StringCtor = String;
    const setHas = Set.prototype.has;
    const setAdd = Set.prototype.add;
    const InternalErrorProto = InternalError.prototype;
    const prng = createPrng();
    const json = createBoundedJson();
    const { toJson, argsToJson } = json;

    // The meter lives here (a call per charge site is far cheaper than a host call); the host
    // reads and writes meter.left between runs and around nested runs. Once the run must end,
    // the meter stays negative so every later charge throws at once.
    /** @type {{ left: number }} */
    const meter = create(null);
    meter.left = 0;
    let dead = false;
    // Every POLL_UNITS units the host checks the deadline and the heap size: QuickJS's own
    // interrupt polling counts bytecode ticks and misses loops whose time goes into builtins.
    const POLL_UNITS = 65536;
    // Never negative, so that crossing zero (running out) always takes the slow path.
    let nextPoll = 0;
    /**
     * @param {string} kind
     */
    function die(kind) {
      const left = meter.left;
      meter.left = -1;
      if (!dead) {
        dead = true;
        signal(kind, left);
      }
    }
    /** @param {number} units */
    function charge(units) {
      // biome-ignore lint/suspicious/noAssignInExpressions: one read of meter.left, not two: charge() runs at every metered site.
      const left = (meter.left -= units);
      if (left < nextPoll) chargeSlow(left);
    }
    // Running out, or time to poll the host: the rare part of charge(), out of line so that host
    // calls can inline the rest.
    /** @param {number} left */
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
    // QuickJS throws null when it cannot even allocate its out-of-memory error; a null the
    // program threw itself went through thrown() first.
    /** @param {unknown} error */
    function isEngineNull(error) {
      return error === null && lastThrown !== null;
    }
    // Every error a try block lets out passes here first (see instrument.ts): a stack overflow
    // or out-of-memory error ends the run instead of being retried.
    /** @param {unknown} error */
    function caught(error) {
      if (isEngineNull(error)) {
        die("memory");
        return;
      }
      if (
        typeof error !== "object" ||
        error === null ||
        getPrototypeOf(error) !== InternalErrorProto
      ) {
        return;
      }
      const message = /** @type {Error} */ (error).message;
      if (message === "stack overflow") die("stack");
      else if (message === "out of memory") die("memory");
    }

    // charge() inlined: a host call is hot enough for the saved calls to show.
    /**
     * @param {(json: string) => unknown} raw
     * @param {unknown[]} args
     */
    function callHost(raw, args) {
      const text = argsToJson(args);
      // biome-ignore lint/suspicious/noAssignInExpressions: as in charge(), one read of meter.left.
      let left = (meter.left -= 100 + (text.length >>> 4));
      if (left < nextPoll) chargeSlow(left);
      const result = raw(text);
      // At least one unit after the call: a nested run may have spent everything that was left.
      // Finite numbers, booleans, null and undefined come back as themselves; the rest as JSON.
      if (typeof result !== "string") {
        left = meter.left -= 1;
        if (left < nextPoll) chargeSlow(left);
        return result;
      }
      left = meter.left -= 1 + (result.length >>> 4);
      if (left < nextPoll) chargeSlow(left);
      return jsonParse(result);
    }
    // One raw host function per name (the host knows the name from the closure, so a call
    // carries a single string): each is wrapped so that only JSON text ever reaches it.
    /**
     * @param {string} namesJson
     * @param {((json: string) => unknown)[]} raws
     */
    function makeHost(namesJson, ...raws) {
      /** @type {string[]} */
      const names = jsonParse(namesJson);
      /** @type {Record<string, unknown>} */
      const host = {};
      for (let i = 0; i < names.length; i++) {
        const name = /** @type {string} */ (names[i]);
        const raw = /** @type {(json: string) => unknown} */ (raws[i]);
        const fn = freeze(
          {
            /** @param {unknown[]} args */
            [name](...args) {
              return callHost(raw, args);
            },
          }[name],
        );
        apply(setAdd, shared, [fn]);
        defineProperty(host, name, { value: fn, enumerable: true });
      }
      apply(setAdd, shared, [host]);
      return freeze(host);
    }

    // Objects that outlive a run: every hardened intrinsic and every host object. Freezing
    // cannot stop one thing: a class whose base constructor returns an existing object installs
    // its private fields (and private-method brand) on that object ("return override"), and
    // they would keep what they hold alive for every later run. instrument.ts makes the first
    // instance field of every derived class that declares private members call
    // guardShared(this), before any of its own fields exist: on a shared object it refuses with
    // a TypeError and taints the context, so the host recycles it after the run (a brand may
    // already be installed). A refusal costs what rebuilding the context costs the host
    // (~5 ms), so that refusing is not a cheap way to make the host work: the charge is
    // deterministic, like the refusal.
    /** @type {Set<unknown>} */
    let shared;
    let tainted = false;
    const REFUSAL_UNITS = 100000;
    /** @param {unknown} target */
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
    /** @type {unknown} */
    let lastThrown = NOTHING;
    let lastThrownStack = "";
    /** @param {unknown} value */
    function isError(value) {
      return typeof value === "object" && value !== null && value instanceof ErrorCtor;
    }
    /** @param {unknown} value */
    function thrown(value) {
      if (value !== lastThrown && !isError(value)) {
        lastThrown = value;
        lastThrownStack = /** @type {string} */ (new ErrorCtor().stack);
      }
      return value;
    }

    /** @param {unknown} e */
    function errorMessage(e) {
      try {
        return e instanceof ErrorCtor ? StringCtor(e.message) : StringCtor(e);
      } catch {
        return "unprintable error";
      }
    }
    /** @param {unknown} e */
    function describeThrown(e) {
      let stack = "";
      try {
        if (isEngineNull(e)) {
          return toJson({ v: { name: "InternalError", message: "out of memory" }, s: "" });
        }
        if (e instanceof ErrorCtor) {
          stack = typeof e.stack === "string" ? e.stack : "";
          return toJson({
            v: { name: StringCtor(e.name), message: StringCtor(e.message) },
            s: stack,
          });
        }
        return toJson({
          v: e === undefined ? null : e,
          s: e === lastThrown ? lastThrownStack : "",
        });
      } catch (inner) {
        const message = "thrown value is not JSON: " + errorMessage(inner);
        return toJson({ v: { name: "Error", message }, s: stack, u: true });
      }
    }

    // Runs one entry point with `budget` units on the meter. The result starts with the units
    // left and "|" (one call carries the meter both ways); then "x" tells the host that the run
    // touched a shared object in a way freezing does not stop (see guardShared), so the context
    // must be recycled.
    /** @type {SandboxApi["run"]} */
    function run(factory, entry, inputJson, host, seed, maxOutput, maxDepth, budget) {
      meter.left = budget;
      const text = runEntry(factory, entry, inputJson, host, seed, maxOutput, maxDepth);
      if (!tainted) return meter.left + "|" + text;
      tainted = false;
      return meter.left + "|x" + text;
    }
    /** @type {SandboxRunEntry} */
    function runEntry(factory, entry, inputJson, host, seed, maxOutput, maxDepth) {
      // A nested run of this context (reentrancy) gives the outer run all of this back.
      // This frame sits below every frame of the program, and QuickJS allocates interpreted
      // frames on the C stack: its size (locals, operand stack) decides how deep a program
      // recurses before a stack overflow, and so the units of a run that overflows. Keep it
      // as it is; the hostile corpus's catch-and-retry recursion cases show a change (ADR 0026).
      const saved = [dead, nextPoll, lastThrown, lastThrownStack];
      const savedRandom = prng.save();
      prng.reseed(seed);
      const savedDepth = json.setDepthLimit(maxDepth);
      dead = false;
      lastThrown = NOTHING;
      lastThrownStack = "";
      nextPoll = meter.left > POLL_UNITS ? meter.left - POLL_UNITS : 0;
      let phase = 0;
      try {
        charge(inputJson.length >>> 4);
        const input = jsonParse(inputJson);
        /** @type {{ exports: Record<string, unknown> }} */
        const module = { exports: {} };
        factory(module, module.exports);
        const exported = module.exports;
        const fn = exported === null || exported === undefined ? undefined : exported[entry];
        if (typeof fn !== "function") {
          throw new TypeErrorCtor("entry '" + entry + "' is not an exported function");
        }
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
        const tooLarge = { name: "Error", message: "thrown value exceeds " + maxOutput + " bytes" };
        return "t" + toJson({ v: tooLarge, s: "" });
      } finally {
        prng.restore(savedRandom);
        json.setDepthLimit(savedDepth);
        dead = /** @type {boolean} */ (saved[0]);
        nextPoll = /** @type {number} */ (saved[1]);
        lastThrown = saved[2];
        lastThrownStack = /** @type {string} */ (saved[3]);
      }
    }

    shared = createLockdown().lockdown({
      random: prng.random,
      charge,
      tameNativeRecursion: json.tameNativeRecursion,
    });
    return freeze({
      run,
      makeHost,
      charge,
      caught,
      thrown,
      guardShared,
      meter,
      frozenCount: shared.size,
    });
  }
);
