/**
 * The dispatcher the kernel appends to every contract program (ADR 0003). It replaces
 * `module.exports` with a single entry, `__ecology_dispatch(input, host)`, so only the kernel's
 * entry is reachable. It builds `ctx` (DESIGN.md §2.3) from the host functions, runs `init`, a
 * method or a view, and returns `{ result, state }`. Before an error escapes it tells the host
 * what the error was (`host.fail`), so the kernel can keep codes, callee envelopes and paths.
 * The contract can read and forge that note, so the kernel believes a reported refusal or
 * callee failure only when it handed exactly that failure to this frame (`issued-failures.ts`).
 * Plain ES5-style JavaScript: it runs inside QuickJS, not under TypeScript.
 */
export const DISPATCHER_SOURCE = `
;(function () {
  var exported = module.exports;
  var def = exported && exported.default !== undefined ? exported.default : exported;
  function failure(code, message, details) {
    var e = new Error(String(message));
    e.name = "ContractError";
    e.code = code;
    e.__ecologyFail = { kind: "fail", code: String(code), message: String(message), details: details === undefined ? null : details };
    return e;
  }
  function unwrap(r) {
    if (r && r.ok) return r.value;
    var e = new Error(r.error.message);
    e.name = "KernelRefusal";
    e.code = r.error.code;
    e.details = r.error.details;
    e.__ecologyFail = { kind: "refusal", error: r.error };
    throw e;
  }
  function split(args) {
    var last = args[args.length - 1];
    if (args.length > 0 && last !== null && typeof last === "object" && last.__ecologyOptions === true) {
      return {
        args: args.slice(0, -1),
        value: last.value === undefined ? 0 : last.value,
        maxPrice: last.maxPrice === undefined ? null : last.maxPrice,
      };
    }
    return { args: args, value: 0, maxPrice: null };
  }
  function prng(seed) {
    var s = seed >>> 0;
    return function () {
      s = (s + 0x6d2b79f5) >>> 0;
      var t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // Makes old deep-equal to fresh, keeping old's objects and arrays where the shapes match, so
  // references the contract holds into ctx.state see what a nested frame committed (ADR 0018).
  function adopt(old, fresh) {
    if (old === null || fresh === null || typeof old !== "object" || typeof fresh !== "object" || Array.isArray(old) !== Array.isArray(fresh)) return fresh;
    var k;
    if (Array.isArray(old)) {
      old.length = fresh.length;
      for (k = 0; k < fresh.length; k++) old[k] = adopt(old[k], fresh[k]);
      return old;
    }
    for (k in old) if (!Object.prototype.hasOwnProperty.call(fresh, k)) delete old[k];
    for (k in fresh) old[k] = adopt(old[k], fresh[k]);
    return old;
  }
  // A reentrant contract's method shares its state with nested frames: the kernel publishes it
  // before the call and hands back what nested frames of this contract committed (ADR 0018).
  function invokeSharing(ctx, host, target, method, s) {
    var r = host.invokeShared(target, method, s.args, s.value, s.maxPrice, ctx.state);
    if (r.changed) ctx.state = adopt(ctx.state, r.state);
    return r.envelope;
  }
  function readOnlyState(state, view) {
    // A view sees its state through proxies whose writes throw at the write site, so the
    // error's position is the contract line (source-mapped) that tried to write.
    var proxies = new WeakMap();
    function refuseWrite() {
      throw failure("invalid_state", "view " + view + " changed the state; views are read-only, make it a method");
    }
    var handler = {
      get: function (target, key) { return wrap(target[key]); },
      set: refuseWrite, deleteProperty: refuseWrite, defineProperty: refuseWrite,
      setPrototypeOf: refuseWrite, preventExtensions: refuseWrite,
    };
    function wrap(v) {
      if (v === null || typeof v !== "object") return v;
      var p = proxies.get(v);
      if (p === undefined) { p = new Proxy(v, handler); proxies.set(v, p); }
      return p;
    }
    return { value: wrap(state), refuseWrite: refuseWrite };
  }
  function makeCtx(c, state, host, share, view) {
    var ctx = {
      self: c.self, owner: c.owner, caller: c.caller, origin: c.origin, value: c.value, now: c.now,
      state: state,
      balance: function (id) { return unwrap(host.balance(id === undefined ? null : id)); },
      transfer: function (to, amount) { unwrap(host.transfer(to, amount)); },
      invoke: function (target, method) {
        var s = split(Array.prototype.slice.call(arguments, 2));
        return share ? invokeSharing(ctx, host, target, method, s) : host.invoke(target, method, s.args, s.value, s.maxPrice);
      },
      call: function (target, method) {
        var s = split(Array.prototype.slice.call(arguments, 2));
        var env = share ? invokeSharing(ctx, host, target, method, s) : host.invoke(target, method, s.args, s.value, s.maxPrice);
        if (env.success) return env.result;
        var e = new Error(target + "." + method + " failed: " + env.error.message);
        e.name = "InvokeError";
        e.code = env.error.code;
        e.error = env.error;
        e.__ecologyFail = { kind: "call", error: env.error };
        throw e;
      },
      read: function (id) { return unwrap(host.read(id)); },
      write: function (id, content, policy) { unwrap(host.write(id, content, policy === undefined ? null : policy)); },
      transferOwnership: function (id, to) { unwrap(host.transferOwnership(id, to)); },
      query: function (kind, filters) { return unwrap(host.query(kind, filters === undefined ? null : filters)); },
      events: function (filters) { return unwrap(host.events(filters === undefined ? null : filters)); },
      emit: function (name, data) { unwrap(host.emit(name, data === undefined ? {} : data)); },
      random: prng(c.seed),
      fail: function (code, message) { throw failure(code, message); },
    };
    if (view !== null) {
      var ro = readOnlyState(state, view);
      Object.defineProperty(ctx, "state", { get: function () { return ro.value; }, set: ro.refuseWrite });
    }
    return ctx;
  }
  function pick(input) {
    if (input.entry === "init") return def && def.init;
    var table = input.entry === "view" ? def && def.views : def && def.methods;
    return table && Object.prototype.hasOwnProperty.call(table, input.method) ? table[input.method] : undefined;
  }
  function dispatch(input, host) {
    var state = input.state === null ? {} : input.state;
    var ctx = makeCtx(input.ctx, state, host, input.share === true, input.entry === "view" ? input.method : null);
    try {
      var fn = pick(input);
      if (typeof fn !== "function") {
        if (input.entry === "init") return { result: null, state: ctx.state };
        throw failure("contract_error", "the manifest lists " + input.method + " but the program defines no such " + input.entry);
      }
      var result = fn.apply(undefined, [ctx].concat(input.args));
      if (input.entry === "init") return { result: null, state: result === undefined ? ctx.state : result };
      // A view's state is never saved (the kernel drops it), so only the raw object goes back.
      return { result: result === undefined ? null : result, state: input.entry === "view" ? null : ctx.state };
    } catch (e) {
      host.fail(e !== null && typeof e === "object" && e.__ecologyFail ? e.__ecologyFail : { kind: "other" });
      throw e;
    }
  }
  module.exports = { __ecology_dispatch: dispatch };
})();
`;

/** The entry the kernel runs in every contract program. */
export const DISPATCH_ENTRY = "__ecology_dispatch";
