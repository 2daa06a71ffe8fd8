// @ts-check
// The dispatcher the kernel gives every contract program as its shell (ADR 0003, ADR 0025, ADR
// 0044): evaluated once per sandbox, after the contract's code, it links each run's fresh
// contract instance to a single entry, `__ecology_dispatch(input, host)`, so only the kernel's
// entry is reachable. Everything evaluated here outlives runs, so it keeps nothing a run could
// change or observe: its functions are frozen and never handed to the contract, and all per-run
// data (the definition, `ctx`, state, errors, proxies) lives in objects made for that run. It builds `ctx` (DESIGN.md §2.3) from the host functions, runs `init`, a
// method or a view, and returns `{ result, state }`. Before an error escapes it tells the host
// what the error was (`host.fail`), so the kernel can keep codes, callee envelopes and paths.
// The contract can read and forge that note, so the kernel believes a reported refusal or
// callee failure only when it handed exactly that failure to this frame (issued-failures.ts).
// It runs inside QuickJS after the contract's own code, in the same file; the kernel reads this
// file as text (dispatcher.ts). Types of its surroundings: sandbox.d.ts.

{
  /**
   * What a contract module exports: its definition (DESIGN.md §4.1).
   * @typedef {{ init?: unknown, migrate?: unknown, methods?: { [name: string]: unknown }, views?: { [name: string]: unknown } }} Definition
   */
  /** @typedef {Error & { code?: string, details?: unknown, error?: KernelFailure, __ecologyFail: FailureNote }} NotedError */
  /** @typedef {{ args: unknown[], value: unknown, maxPrice: unknown }} SplitArgs */

  // The runtime reseeds the sandbox's Math.random (a hardened intrinsic nobody can replace) for
  // every run with the kernel's per-(transaction, frame) seed: ctx.random is that generator.
  const random = Math.random;

  /**
   * An error carrying the note the kernel reads when it escapes.
   * @param {string} name
   * @param {string} message
   * @param {{ code?: string, details?: unknown, error?: KernelFailure }} fields
   * @param {FailureNote} note
   * @returns {NotedError}
   */
  const noted = (name, message, fields, note) =>
    Object.assign(new Error(message), { name, ...fields, __ecologyFail: note });

  /**
   * The error of `ctx.fail(code, message)`.
   * @param {unknown} code
   * @param {unknown} message
   */
  const failure = (code, message) =>
    noted(
      "ContractError",
      String(message),
      { code: String(code) },
      {
        kind: "fail",
        code: String(code),
        message: String(message),
        details: null,
      },
    );

  /**
   * A host operation's value, or its refusal thrown as a catchable error.
   * @param {HostResult} r
   */
  const unwrap = (r) => {
    if (r.ok) return r.value;
    const { code, message, details } = r.error;
    throw noted("KernelRefusal", message, { code, details }, { kind: "refusal", error: r.error });
  };

  /**
   * Splits `withValue(n)` / `withOptions({...})` off the end of a call's arguments.
   * @param {unknown[]} args
   * @returns {SplitArgs}
   */
  const split = (args) => {
    const last =
      /** @type {{ __ecologyOptions?: unknown, value?: unknown, maxPrice?: unknown }} */ (
        args[args.length - 1]
      );
    if (args.length > 0 && last !== null && typeof last === "object") {
      if (last.__ecologyOptions === true)
        return {
          args: args.slice(0, -1),
          value: last.value === undefined ? 0 : last.value,
          maxPrice: last.maxPrice === undefined ? null : last.maxPrice,
        };
    }
    return { args, value: 0, maxPrice: null };
  };

  /**
   * Makes `old` deep-equal to `fresh`, keeping old's objects and arrays where the shapes match,
   * so references the contract holds into ctx.state see what a nested frame committed (ADR 0018).
   * @param {any} old
   * @param {any} fresh
   * @returns {unknown}
   */
  const adopt = (old, fresh) => {
    if (
      old === null ||
      fresh === null ||
      typeof old !== "object" ||
      typeof fresh !== "object" ||
      Array.isArray(old) !== Array.isArray(fresh)
    )
      return fresh;
    if (Array.isArray(old)) {
      old.length = fresh.length;
      for (let k = 0; k < fresh.length; k++) old[k] = adopt(old[k], fresh[k]);
      return old;
    }
    for (const k in old) if (!Object.hasOwn(fresh, k)) delete old[k];
    for (const k in fresh) old[k] = adopt(old[k], fresh[k]);
    return old;
  };

  /**
   * A view sees its state through proxies whose writes throw at the write site, so the error's
   * position is the contract line (source-mapped) that tried to write.
   * @param {unknown} state
   * @param {string} view
   */
  const readOnlyState = (state, view) => {
    /** @type {WeakMap<object, object>} */
    const proxies = new WeakMap();
    /** @returns {never} */
    const refuseWrite = () => {
      throw failure(
        "invalid_state",
        `view ${view} changed the state; views are read-only, make it a method`,
      );
    };
    /** @type {ProxyHandler<any>} */
    const handler = {
      get: (target, key) => wrap(target[key]),
      set: refuseWrite,
      deleteProperty: refuseWrite,
      defineProperty: refuseWrite,
      setPrototypeOf: refuseWrite,
      preventExtensions: refuseWrite,
    };
    /**
     * @param {unknown} v
     * @returns {unknown}
     */
    const wrap = (v) => {
      if (v === null || typeof v !== "object") return v;
      const known = proxies.get(v);
      if (known !== undefined) return known;
      const p = new Proxy(v, handler);
      proxies.set(v, p);
      return p;
    };
    return { value: wrap(state), refuseWrite };
  };

  /**
   * The `ctx` of one run (DESIGN.md §2.3). A reentrant contract's writing frame shares its state
   * with nested frames: the kernel publishes it before a call and hands back what nested frames
   * of this contract committed (ADR 0018).
   * @param {RunContext} c
   * @param {unknown} state
   * @param {Host} host
   * @param {boolean} share
   * @param {string | null} view the view's name when running one
   */
  const makeCtx = (c, state, host, share, view) => {
    /**
     * @param {unknown} target
     * @param {unknown} method
     * @param {SplitArgs} s
     * @returns {CallEnvelope}
     */
    const call = (target, method, s) => {
      if (!share) return host.invoke(target, method, s.args, s.value, s.maxPrice);
      const r = host.invokeShared(target, method, s.args, s.value, s.maxPrice, ctx.state);
      if (r.changed) ctx.state = adopt(ctx.state, r.state);
      return r.envelope;
    };
    const ctx = {
      self: c.self,
      owner: c.owner,
      caller: c.caller,
      origin: c.origin,
      value: c.value,
      now: c.now,
      state,
      /** @param {unknown} [id] */
      balance: (id) => unwrap(host.balance(id === undefined ? null : id)),
      /** @param {unknown} to @param {unknown} amount */
      transfer: (to, amount) => {
        unwrap(host.transfer(to, amount));
      },
      /** @param {unknown} target @param {unknown} method @param {unknown[]} rest */
      invoke: (target, method, ...rest) => call(target, method, split(rest)),
      /** @param {unknown} target @param {unknown} method @param {unknown[]} rest */
      call: (target, method, ...rest) => {
        const env = call(target, method, split(rest));
        if (env.success) return env.result;
        const { error } = env;
        throw noted(
          "InvokeError",
          `${target}.${method} failed: ${error.message}`,
          { code: error.code, error },
          { kind: "call", error },
        );
      },
      /** @param {unknown} id */
      read: (id) => unwrap(host.read(id)),
      /** @param {unknown} id @param {unknown} content @param {unknown} [policy] */
      write: (id, content, policy) => {
        unwrap(host.write(id, content, policy === undefined ? null : policy));
      },
      /** @param {unknown} id @param {unknown} to */
      transferOwnership: (id, to) => {
        unwrap(host.transferOwnership(id, to));
      },
      /** @param {unknown} kind @param {unknown} [filters] */
      query: (kind, filters) => unwrap(host.query(kind, filters === undefined ? null : filters)),
      /** @param {unknown} [filters] */
      events: (filters) => unwrap(host.events(filters === undefined ? null : filters)),
      /** @param {unknown} name @param {unknown} [data] */
      emit: (name, data) => {
        unwrap(host.emit(name, data === undefined ? {} : data));
      },
      random,
      /** @param {unknown} code @param {unknown} message @returns {never} */
      fail: (code, message) => {
        throw failure(code, message);
      },
    };
    if (view !== null) {
      const ro = readOnlyState(state, view);
      Object.defineProperty(ctx, "state", { get: () => ro.value, set: ro.refuseWrite });
    }
    return ctx;
  };

  /**
   * The definition's function for the requested entry, if it has one.
   * @param {Definition | null | undefined} def
   * @param {DispatchInput} input
   */
  const pick = (def, input) => {
    if (input.entry === "init") return def?.init;
    if (input.entry === "migrate") return def?.migrate;
    const table = input.entry === "view" ? def?.views : def?.methods;
    return table && Object.hasOwn(table, input.method) ? table[input.method] : undefined;
  };

  /**
   * The one entry the kernel runs: `{ result, state }` of init, a method or a view, of the run's
   * contract instance (`this`, made by `link`).
   * @this {RunLink}
   * @param {DispatchInput} input
   * @param {Host} host
   */
  const dispatch = function (input, host) {
    /** @type {any} the contract's exports: anything, even a primitive */
    const exported = this.exported;
    /** @type {Definition | null | undefined} */
    const def = exported && exported.default !== undefined ? exported.default : exported;
    const state = input.state === null ? {} : input.state;
    const view = input.entry === "view" ? input.method : null;
    const ctx = makeCtx(input.ctx, state, host, input.share === true, view);
    try {
      const fn = pick(def, input);
      if (typeof fn !== "function") {
        if (input.entry === "init" || input.entry === "migrate")
          return { result: null, state: ctx.state };
        throw failure(
          "contract_error",
          `the manifest lists ${input.method} but the program defines no such ${input.entry}`,
        );
      }
      const result = fn(ctx, ...input.args);
      // init and migrate return the state (or change ctx.state in place).
      if (input.entry === "init" || input.entry === "migrate")
        return { result: null, state: result === undefined ? ctx.state : result };
      // A view's state is never saved (the kernel drops it), so only the raw object goes back.
      return {
        result: result === undefined ? null : result,
        state: input.entry === "view" ? null : ctx.state,
      };
    } catch (e) {
      // Errors of this dispatcher carry a note; the contract may forge one (see the top).
      const carrier = /** @type {{ __ecologyFail?: FailureNote } | null} */ (
        typeof e === "object" ? e : null
      );
      const note = carrier === null ? undefined : carrier.__ecologyFail;
      host.fail(note ? note : { kind: "other" });
      throw e;
    }
  };

  Object.freeze(dispatch);
  /**
   * The runtime's linker (ProgramSource.shell): a run's entry object for the fresh instance's
   * exports. A new object per run; the contract never sees it.
   * @param {unknown} exported the contract's exports: anything, even a primitive
   * @returns {RunLink}
   */
  const link = (exported) => ({ exported, __ecology_dispatch: dispatch });
  module.exports = Object.freeze(link);
}
