// @ts-check
// biome-ignore-all lint/style/useTemplate: QuickJS compiles template literals into String.prototype.concat calls; the sandbox's own code concatenates with + and depends on no prototype method.
// Evaluated inside every sandbox before any program code (see sandbox-sources.ts): JSON for
// the runtime's own use (run output, thrown values, host-call arguments) and the versions of
// JSON.stringify, JSON.parse, Array.prototype.flat and iterator helpers that programs get.
// Everything here bounds the nesting of values that QuickJS would otherwise recurse over in C,
// to the run's maxJsonDepth (ADR 0020). It captures the intrinsics it needs when created, which
// is before the bootstrap replaces or freezes anything.

/** @type {() => SandboxJson} */
(
  function createBoundedJson() {
    // biome-ignore lint/suspicious/noRedundantUseStrict: QuickJS evaluates this file as a script, not a module: without the directive this code would be sloppy.
    "use strict";
    const { getPrototypeOf, defineProperty } = Object;
    const apply = Reflect.apply;
    const isArray = Array.isArray;
    const jsonParse = JSON.parse;
    const jsonStringify = JSON.stringify;
    const ObjectProto = Object.prototype;
    const TypeErrorCtor = TypeError;
    const RangeErrorCtor = RangeError;
    const StringCtor = String;
    const arrayIncludes = Array.prototype.includes;

    // Depth of the value being serialized: the path from the root to the current holder.
    // QuickJS serializes recursively in C, and that recursion overflows the host's stack (a fatal
    // WebAssembly error) long before QuickJS's own stack check notices, so nesting is bounded
    // here, where each object is met before the serializer descends into it. The replacer is
    // called with the holder as "this": every path entry deeper than the holder is a finished
    // sibling.
    /** @type {unknown[]} */
    const path = [];
    let pathBase = 0;
    let pathLength = 0;
    let depthLimit = 256;

    /**
     * @param {unknown} holder
     * @param {unknown} value
     */
    function enter(holder, value) {
      let n = pathLength;
      while (n > pathBase && path[n - 1] !== holder) n--;
      if (n - pathBase >= depthLimit) {
        throw new RangeErrorCtor("value nested deeper than " + depthLimit + " levels");
      }
      path[n] = value;
      pathLength = n + 1;
    }

    // Strict JSON: refuses what JSON.stringify would silently turn into something else.
    /**
     * @this {unknown}
     * @param {string} _key
     * @param {unknown} value
     */
    function replacer(_key, value) {
      switch (typeof value) {
        case "string":
        case "boolean":
        case "undefined":
          return value;
        case "number":
          // NaN - NaN and Infinity - Infinity are NaN: only finite numbers give 0.
          if (value - value !== 0) {
            throw new TypeErrorCtor("non-finite number is not JSON");
          }
          return value;
        case "object": {
          if (value === null) return value;
          if (!isArray(value)) {
            const proto = getPrototypeOf(value);
            if (proto !== ObjectProto && proto !== null) {
              throw new TypeErrorCtor("only plain objects and arrays are JSON");
            }
          }
          enter(this, value);
          return value;
        }
        default:
          throw new TypeErrorCtor(typeof value + " is not JSON");
      }
    }

    // Serializes with the depth bound; reentrant (a toJSON may call a host function, which
    // serializes its arguments above the current path) and leaves no reference in the path.
    /**
     * @param {unknown} value
     * @param {number} limit
     * @returns {string | undefined}
     */
    function boundedStringify(value, limit) {
      const savedBase = pathBase;
      const savedLength = pathLength;
      const savedLimit = depthLimit;
      pathBase = pathLength;
      depthLimit = limit;
      try {
        return jsonStringify(value, replacer);
      } finally {
        path.length = pathBase;
        pathBase = savedBase;
        pathLength = savedLength;
        depthLimit = savedLimit;
      }
    }

    /** @param {unknown} value */
    function toJson(value) {
      const json = boundedStringify(value, depthLimit);
      return json === undefined ? "null" : json;
    }

    // The JSON text of a host call's arguments: exactly what toJson(args) gives, but QuickJS's
    // JSON.stringify is slow on arrays and with a replacer (~0.5 µs each), so the usual single
    // argument skips the array, and a string, boolean, null or finite number skips the replacer.
    /** @param {unknown[]} args */
    function argsToJson(args) {
      // The argument list is one more level around the arguments.
      if (args.length !== 1) return /** @type {string} */ (boundedStringify(args, depthLimit + 1));
      const arg = args[0];
      const type = typeof arg;
      if (
        type === "string" ||
        type === "boolean" ||
        arg === null ||
        (type === "number" && /** @type {number} */ (arg) - /** @type {number} */ (arg) === 0)
      ) {
        return "[" + jsonStringify(arg) + "]";
      }
      const json = boundedStringify(arg, depthLimit);
      return json === undefined ? "[null]" : "[" + json + "]";
    }

    /**
     * Sets the depth limit of the run starting now.
     * @param {number} limit
     * @returns {number} the previous limit, for the run to restore when it ends
     */
    function setDepthLimit(limit) {
      const previous = depthLimit;
      depthLimit = limit;
      return previous;
    }

    // QuickJS's JSON.stringify, JSON.parse, Array.prototype.flat and iterator helpers recurse
    // in C, where its stack check does not see the host's stack: ~10 000 levels (5 000 for flat)
    // overflow it, a fatal WebAssembly error for every sandbox of the process. Programs get
    // versions bounded by the run's maxJsonDepth; deeper values throw a catchable RangeError.
    /** @param {string} [what] */
    function tooDeep(what) {
      return new RangeErrorCtor(
        (what || "value") + " nested deeper than " + depthLimit + " levels",
      );
    }

    // The same check as the host's nestedDeeperThan (json.ts), on text about to be parsed.
    /**
     * @param {string} text
     * @param {number} limit
     */
    function textTooDeep(text, limit) {
      if (text.length <= 2 * limit) return false;
      let depth = 0;
      let inString = false;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          if (c === 92) i++;
          else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 91 || c === 123) {
          if (++depth > limit) return true;
        } else if (c === 93 || c === 125) depth--;
      }
      return false;
    }

    // A replacer array (a property allow-list) as a replacer function: objects are rebuilt with
    // the listed keys, in list order, as the native allow-list would serialize them.
    /**
     * @param {unknown[]} list
     * @returns {(key: string, value: unknown) => unknown}
     */
    function allowList(list) {
      /** @type {string[]} */
      const keys = [];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        const wrapped =
          typeof item === "object" &&
          item !== null &&
          (item instanceof StringCtor || item instanceof Number);
        if (typeof item !== "string" && typeof item !== "number" && !wrapped) continue;
        const key = StringCtor(item);
        if (!apply(arrayIncludes, keys, [key])) keys[keys.length] = key;
      }
      return (_key, value) => {
        if (typeof value !== "object" || value === null || isArray(value)) return value;
        /** @type {Record<string, unknown>} */
        const out = {};
        const record = /** @type {Record<string, unknown>} */ (value);
        for (let i = 0; i < keys.length; i++) {
          const key = /** @type {string} */ (keys[i]);
          const v = record[key];
          if (v !== undefined) {
            defineProperty(out, key, {
              value: v,
              writable: true,
              enumerable: true,
              configurable: true,
            });
          }
        }
        return out;
      };
    }

    // Iterator helpers pull from the iterator they wrap in C, so a chain of them recurses there
    // too: each helper remembers its place in the chain, and a chain longer than maxJsonDepth
    // throws.
    function boundIteratorChains() {
      if (typeof Iterator !== "function") return;
      const IteratorProto = /** @type {Record<string, unknown>} */ (
        /** @type {unknown} */ (Iterator.prototype)
      );
      const chainDepth = new WeakMap();
      const weakGet = WeakMap.prototype.get;
      const weakSet = WeakMap.prototype.set;
      for (const name of ["map", "filter", "take", "drop", "flatMap"]) {
        const original = IteratorProto[name];
        if (typeof original !== "function") continue;
        const bounded = {
          /**
           * @this {object}
           * @param {unknown[]} args
           */
          [name](...args) {
            const depth = (apply(weakGet, chainDepth, [this]) || 0) + 1;
            if (depth > depthLimit) throw tooDeep("iterator helpers");
            const helper = apply(original, this, args);
            apply(weakSet, chainDepth, [helper, depth]);
            return helper;
          },
        }[name];
        defineProperty(IteratorProto, name, {
          value: bounded,
          writable: true,
          enumerable: false,
          configurable: true,
        });
      }
    }

    function tameNativeRecursion() {
      boundIteratorChains();
      const ArrayProto = Array.prototype;
      const nativeFlat = ArrayProto.flat;
      const some = ArrayProto.some;
      defineProperty(JSON, "stringify", {
        /**
         * @param {unknown} value
         * @param {unknown} [replacer]
         * @param {string | number} [space]
         */
        value: function stringify(value, replacer, space) {
          const user =
            typeof replacer === "function"
              ? replacer
              : isArray(replacer)
                ? allowList(replacer)
                : undefined;
          /**
           * @this {unknown}
           * @param {string} key
           * @param {unknown} v
           */
          const bounded = function (key, v) {
            if (user !== undefined) v = apply(user, this, [key, v]);
            if (typeof v === "object" && v !== null) enter(this, v);
            return v;
          };
          const savedBase = pathBase;
          const savedLength = pathLength;
          pathBase = pathLength;
          try {
            return jsonStringify(value, bounded, space);
          } finally {
            path.length = pathBase;
            pathBase = savedBase;
            pathLength = savedLength;
          }
        },
        writable: true,
        enumerable: false,
        configurable: true,
      });
      defineProperty(JSON, "parse", {
        /**
         * @param {unknown} text
         * @param {unknown} [reviver]
         */
        value: function parse(text, reviver) {
          const s = StringCtor(text);
          if (textTooDeep(s, depthLimit)) throw tooDeep();
          return typeof reviver === "function"
            ? jsonParse(s, /** @type {(key: string, value: unknown) => unknown} */ (reviver))
            : jsonParse(s);
        },
        writable: true,
        enumerable: false,
        configurable: true,
      });
      defineProperty(ArrayProto, "flat", {
        /**
         * @this {unknown[]}
         * @param {unknown[]} args
         */
        value: function flat(...args) {
          const requested = args[0] === undefined ? 1 : +(/** @type {number} */ (args[0]));
          if (!(requested > depthLimit)) return apply(nativeFlat, this, args);
          const result = apply(nativeFlat, this, [depthLimit]);
          if (apply(some, result, [isArray])) throw tooDeep();
          return result;
        },
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }

    return { toJson, argsToJson, setDepthLimit, tameNativeRecursion };
  }
);
