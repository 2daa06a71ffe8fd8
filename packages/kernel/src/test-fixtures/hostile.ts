import { contract } from "./contracts.js";

/**
 * A reentrant bank written the safe way: it zeroes the caller's balance before paying out
 * through the caller's `onPayout` (with `ctx.call` or, in `withdrawInvoke`, `ctx.invoke`,
 * restoring the balance when the payout fails).
 */
export const BANK = contract(
  `module.exports = { default: {
    methods: {
      deposit(ctx) {
        var b = ctx.state.balances || (ctx.state.balances = {});
        b[ctx.caller] = (b[ctx.caller] || 0) + ctx.value;
        return b[ctx.caller];
      },
      withdraw(ctx) {
        var b = ctx.state.balances || {};
        var amount = b[ctx.caller] || 0;
        if (amount === 0) ctx.fail("insufficient_funds", ctx.caller + " has nothing to withdraw");
        b[ctx.caller] = 0;
        ctx.call(ctx.caller, "onPayout", { __ecologyOptions: true, value: amount });
        return amount;
      },
      withdrawInvoke(ctx) {
        var b = ctx.state.balances || {};
        var amount = b[ctx.caller] || 0;
        if (amount === 0) ctx.fail("insufficient_funds", ctx.caller + " has nothing to withdraw");
        b[ctx.caller] = 0;
        var env = ctx.invoke(ctx.caller, "onPayout", { __ecologyOptions: true, value: amount });
        if (!env.success) b[ctx.caller] = amount;
        return amount;
      },
    },
    views: {
      owed(ctx) { var b = ctx.state.balances || {}, s = 0; for (var k in b) s += b[k]; return s; },
    },
  } };`,
  { methods: { deposit: 0, withdraw: 0, withdrawInvoke: 0 }, views: { owed: 0 }, reentrant: true },
);

/**
 * The thief of the re-entrancy attack: `arm(goal, how)` stores its plan, `attack(bank, n)`
 * deposits `n` and withdraws; every payout re-enters the bank's `how` until its wallet holds
 * `goal` (or the re-entry fails).
 */
export const BANK_THIEF = contract(
  `module.exports = { default: {
    methods: {
      arm(ctx, goal, how) { ctx.state.goal = goal; ctx.state.how = how; },
      attack(ctx, bank, n) {
        ctx.call(bank, "deposit", { __ecologyOptions: true, value: n });
        ctx.call(bank, ctx.state.how);
        return ctx.balance();
      },
      onPayout(ctx) {
        if (ctx.balance() < ctx.state.goal) ctx.invoke(ctx.caller, ctx.state.how);
      },
    },
  } };`,
  { methods: { arm: 2, attack: 2, onPayout: 0 }, reentrant: true },
);

/**
 * Ping-pong between two reentrant contracts: `rec(peer, n, failAt)` logs `in<n>`, calls
 * `peer.rec(self, n - 1)` with `ctx.invoke` (or `ctx.call` when `failAt` is -2), logs
 * `out<n>` (`out<n>!` when the callee failed); the frame with `n === failAt` throws after its call. It keeps aliases of
 * `ctx.state` and its log across the call, as ordinary code does.
 */
export const PINGPONG = contract(
  `module.exports = { default: {
    methods: {
      rec(ctx, peer, n, failAt) {
        var s = ctx.state;
        if (!s.log) s.log = [];
        var log = s.log;
        log.push("in" + n);
        var ok = true;
        if (n > 0) {
          if (failAt === -2) ctx.call(peer, "rec", ctx.self, n - 1, failAt);
          else ok = ctx.invoke(peer, "rec", ctx.self, n - 1, failAt).success;
        }
        if (n === failAt) throw new Error("planned failure at " + n);
        log.push("out" + n + (ok ? "" : "!"));
        return log.length;
      },
    },
    views: { log: (ctx) => ctx.state.log || [] },
  } };`,
  { methods: { rec: 3 }, views: { log: 0 }, reentrant: true },
);

/**
 * A gate admitting everyone after `n` loop iterations (its init argument): compute and time
 * spent in a gate check.
 */
export const BURNER_GATE = contract(
  `module.exports = { default: {
    init: (ctx, n) => ({ n: n }),
    views: {
      check(ctx, caller, action, method) {
        var x = 0;
        for (var i = 0; i < ctx.state.n; i++) x += i;
        return x >= 0;
      },
    },
    methods: {
      work(ctx) { var x = 0; for (var i = 0; i < ctx.state.n; i++) x += i; ctx.state.done = true; return x; },
    },
  } };`,
  { views: { check: 3 }, methods: { work: 0 }, init: 1 },
);

/**
 * A contract that is its own kind of gate: `check` admits everyone, after reading or invoking
 * the artifact it guards (`ctx.caller`) when its probe is `"read"` / `"invoke"`, or reading
 * `probe.read` when the probe is an object; `m` is an ordinary method.
 */
export const LOOPY_GATE = contract(
  `module.exports = { default: {
    init: (ctx, probe) => ({ probe: probe }),
    views: {
      check(ctx, caller, action, method) {
        if (ctx.state.probe === "read") ctx.read(ctx.caller);
        if (ctx.state.probe === "invoke") ctx.call(ctx.caller, "get");
        if (ctx.state.probe !== null && typeof ctx.state.probe === "object") ctx.read(ctx.state.probe.read);
        return true;
      },
      get: (ctx) => 1,
    },
    methods: { m: (ctx) => "ran" },
  } };`,
  { views: { check: 3, get: 0 }, methods: { m: 0 }, init: 1 },
);

/** Views (and one method) that try to make scrip move from a read-only frame. */
export const VIEWER = contract(
  `module.exports = { default: {
    views: {
      peek: (ctx, id) => ctx.read(id),
      ask: (ctx, target, method, args) => ctx.call.apply(null, [target, method].concat(args)),
      relayPeek: (ctx, viewer, id) => ctx.call(viewer, "peek", id),
    },
    methods: {
      askAsMethod: (ctx, target, method, args) => ctx.call.apply(null, [target, method].concat(args)),
      peekAsMethod: (ctx, id) => ctx.read(id),
    },
  } };`,
  {
    views: { peek: 1, ask: 3, relayPeek: 2 },
    methods: { askAsMethod: 3, peekAsMethod: 1 },
  },
);
