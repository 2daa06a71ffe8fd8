import { contract } from "./contracts.js";

/**
 * A pool: members join with scrip (their contribution is the value attached); `distribute(n)`
 * pays `n` of the pool's scrip out in proportion to contributions. `rounding` decides what
 * happens to the fractions: "floor" keeps them in the pool, "largest-remainder" hands the
 * leftover out one by one to the largest fractions (ties: earliest member).
 */
export function poolContract(rounding: "floor" | "largest-remainder") {
  return contract(
    `var ROUNDING = ${JSON.stringify(rounding)};
    module.exports = { default: {
      init: function () { return { members: [], shares: {} }; },
      methods: {
        join: function (ctx) {
          var s = ctx.state;
          if (!(ctx.caller in s.shares)) { s.shares[ctx.caller] = 0; s.members.push(ctx.caller); }
          s.shares[ctx.caller] += ctx.value;
          return s.shares[ctx.caller];
        },
        distribute: function (ctx, amount) {
          var s = ctx.state, total = 0, i;
          for (i = 0; i < s.members.length; i++) total += s.shares[s.members[i]];
          if (total === 0) ctx.fail("invalid_state", "nobody has joined");
          var pay = [], rest = [], given = 0;
          for (i = 0; i < s.members.length; i++) {
            var exact = amount * s.shares[s.members[i]] / total;
            pay.push(Math.floor(exact)); rest.push(exact - Math.floor(exact)); given += pay[i];
          }
          if (ROUNDING === "largest-remainder") {
            var order = s.members.map(function (_, j) { return j; });
            order.sort(function (a, b) { return rest[b] - rest[a] || a - b; });
            for (i = 0; given < amount; i++, given++) pay[order[i % order.length]] += 1;
          }
          for (i = 0; i < s.members.length; i++) if (pay[i] > 0) ctx.transfer(s.members[i], pay[i]);
          return pay;
        },
      },
      views: { shares: function (ctx) { return ctx.state.shares; } },
    } };`,
    { methods: { join: 0, distribute: 1 }, views: { shares: 0 }, init: 0 },
  );
}
