// @ts-check
// biome-ignore-all lint/style/useTemplate: QuickJS compiles template literals into String.prototype.concat calls; the sandbox's own code concatenates with + and depends on no prototype method.
// Evaluated inside every sandbox before any program code (see sandbox-sources.ts): the
// SES-style lockdown. `lockdown(options)` removes what breaks determinism or isolation (`Date`,
// `eval`, the `Function` constructors, `WeakRef`, shared memory, `Promise`), installs the
// seeded `Math.random`, meters the builtins whose work grows with an argument, and freezes
// every reachable intrinsic and the global object, so that nothing a run does can survive into
// the next run. It returns the set of frozen objects: the objects every run shares.

/** @type {() => SandboxLockdown} */
(
  function createLockdown() {
    // biome-ignore lint/suspicious/noRedundantUseStrict: QuickJS evaluates this file as a script, not a module: without the directive this code would be sloppy.
    "use strict";
    const G = globalThis;
    const { freeze, getPrototypeOf, getOwnPropertyDescriptor, defineProperty } = Object;
    const ownKeys = Reflect.ownKeys;
    const apply = Reflect.apply;
    const floor = Math.floor;
    const TypeErrorCtor = TypeError;
    const StringCtor = String;
    const SetCtor = Set;

    /** @param {object} proto */
    function tameConstructor(proto) {
      // biome-ignore lint/suspicious/noShadowRestrictedNames: the tamed constructor keeps the name programs see on Function and on (() => 0).constructor.
      const Tamed = function Function() {
        throw new TypeErrorCtor("dynamic code evaluation is not allowed");
      };
      defineProperty(Tamed, "prototype", { value: proto, writable: false });
      defineProperty(proto, "constructor", { value: Tamed, writable: false, configurable: false });
      return Tamed;
    }

    // Assigning to an inherited frozen data property throws in strict mode (the "override
    // mistake"); for the properties programs commonly shadow (e.name = ...), an accessor keeps
    // that working.
    /**
     * @param {object} obj
     * @param {PropertyKey} prop
     */
    function enableOverride(obj, prop) {
      const d = getOwnPropertyDescriptor(obj, prop);
      if (d === undefined || !("value" in d)) return;
      const value = d.value;
      defineProperty(obj, prop, {
        // biome-ignore lint/complexity/useArrowFunction: programs reach this getter; like every function the sandbox had before, it keeps a prototype object (which harden() freezes).
        get: function () {
          return value;
        },
        /**
         * @this {object}
         * @param {unknown} v
         */
        set: function (v) {
          if (this === obj) {
            throw new TypeErrorCtor(
              "Cannot assign to read only property '" + StringCtor(prop) + "'",
            );
          }
          defineProperty(this, prop, {
            value: v,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        },
        enumerable: d.enumerable,
        configurable: false,
      });
    }

    /**
     * Freezes every object reachable from `roots` (prototypes, property values, accessors).
     * @param {unknown[]} roots
     * @returns {Set<unknown>} every object frozen
     */
    function harden(roots) {
      const seen = new SetCtor();
      const todo = roots.slice();
      while (todo.length > 0) {
        const o = todo.pop();
        if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o))
          continue;
        seen.add(o);
        freeze(o);
        todo.push(getPrototypeOf(o));
        const keys = ownKeys(o);
        for (let i = 0; i < keys.length; i++) {
          const d = /** @type {PropertyDescriptor} */ (
            getOwnPropertyDescriptor(o, /** @type {PropertyKey} */ (keys[i]))
          );
          if ("value" in d) todo.push(d.value);
          else todo.push(d.get, d.set);
        }
      }
      return seen;
    }

    // Builtins whose work and allocation grow with an argument, not with the metered code that
    // calls them, charge for their size (one unit per 16 elements or characters) before running.
    /**
     * @param {Record<string, unknown>} proto
     * @param {string} name
     * @param {(self: unknown, args: unknown[]) => number} size
     * @param {(units: number) => void} charge
     */
    function meterMethod(proto, name, size, charge) {
      const original = proto[name];
      const metered = {
        /**
         * @this {unknown}
         * @param {unknown[]} args
         */
        [name](...args) {
          charge(1 + floor(size(this, args) / 16));
          return apply(/** @type {Function} */ (original), this, args);
        },
      }[name];
      defineProperty(proto, name, {
        value: metered,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
    /** @param {any} value an array, a string or anything a program passes as `this` */
    const lengthOf = (value) => {
      const n = value === null || value === undefined ? 0 : +value.length;
      // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN, which would disable the meter; this gives 0.
      return n > 0 ? n : 0;
    };
    /** @param {unknown[]} args */
    const countArg = (args) => {
      const n = +(/** @type {number} */ (args[0]));
      // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN, which would disable the meter; this gives 0.
      return n > 0 ? n : 0;
    };
    /** @param {(units: number) => void} charge */
    function meterBuiltins(charge) {
      const StringProto = /** @type {Record<string, unknown>} */ (
        /** @type {unknown} */ (String.prototype)
      );
      const ArrayProto = /** @type {Record<string, unknown>} */ (
        /** @type {unknown} */ (Array.prototype)
      );
      meterMethod(
        StringProto,
        "repeat",
        (self, args) => lengthOf(StringCtor(self)) * countArg(args),
        charge,
      );
      meterMethod(StringProto, "padStart", (_self, args) => countArg(args), charge);
      meterMethod(StringProto, "padEnd", (_self, args) => countArg(args), charge);
      meterMethod(ArrayProto, "join", lengthOf, charge);
      meterMethod(ArrayProto, "fill", lengthOf, charge);
      // Array.prototype.toString goes through join; toLocaleString must too, so that its
      // recursion into nested arrays passes interpreted frames, where QuickJS's stack check works.
      meterMethod(ArrayProto, "toLocaleString", lengthOf, charge);
      enableOverride(ArrayProto, "toString");
    }

    /** Intrinsics not reachable by walking from globalThis: prototypes of iterators and generators. */
    function hiddenIntrinsics() {
      const generatorFunctionProto = getPrototypeOf(function* () {});
      const hidden = [
        generatorFunctionProto,
        getPrototypeOf((function* () {})()),
        getPrototypeOf([][Symbol.iterator]()),
        getPrototypeOf(new Map()[Symbol.iterator]()),
        getPrototypeOf(new Set()[Symbol.iterator]()),
        getPrototypeOf(""[Symbol.iterator]()),
        getPrototypeOf(/a/[Symbol.matchAll]("")),
      ];
      if (typeof Iterator === "function" && typeof Iterator.from === "function") {
        hidden.push(
          getPrototypeOf(Iterator.from({ next: () => ({ done: true, value: undefined }) })),
        );
        hidden.push(getPrototypeOf([].values().map((x) => x)));
      }
      return hidden;
    }

    /**
     * @param {LockdownOptions} options
     * @returns {Set<unknown>} every object frozen: the objects all runs share
     */
    function lockdown({ random, charge, tameNativeRecursion }) {
      for (const name of [
        "eval",
        "Date",
        "WeakRef",
        "FinalizationRegistry",
        "SharedArrayBuffer",
        "Atomics",
        "Promise",
      ]) {
        delete (/** @type {Record<string, unknown>} */ (G)[name]);
      }
      defineProperty(G, "Function", {
        value: tameConstructor(Function.prototype),
        writable: false,
        enumerable: false,
        configurable: false,
      });
      tameConstructor(getPrototypeOf(function* () {}));
      defineProperty(Math, "random", { value: random, writable: false, configurable: false });
      for (const name of [
        "constructor",
        "toString",
        "valueOf",
        "toLocaleString",
        "hasOwnProperty",
      ]) {
        enableOverride(Object.prototype, name);
      }
      const errors = [
        Error,
        TypeError,
        RangeError,
        SyntaxError,
        ReferenceError,
        EvalError,
        URIError,
        InternalError,
        AggregateError,
      ];
      for (const E of errors) {
        for (const name of ["name", "message", "constructor", "toString"])
          enableOverride(E.prototype, name);
      }
      enableOverride(Function.prototype, "toString");
      meterBuiltins(charge);
      tameNativeRecursion();
      return harden([G, ...hiddenIntrinsics()]);
    }

    return { lockdown };
  }
);
