import { type Ctx, defineContract } from "@ecology/sdk";
import { type IdMap, idMapDelete, idMapGet, idMapSet } from "@ecology/sdk/patterns";

type State = { deposits: IdMap<number>; owed: number };

/** The vault with a bug: a withdrawal pays twice the deposit when the wallet allows it. */
export default defineContract({
  init: (): State => ({ deposits: {}, owed: 0 }),
  methods: {
    deposit(ctx: Ctx<State>) {
      if (ctx.value <= 0) ctx.fail("invalid_argument", "attach scrip to deposit");
      idMapSet(
        ctx.state.deposits,
        ctx.caller,
        (idMapGet(ctx.state.deposits, ctx.caller) ?? 0) + ctx.value,
      );
      ctx.state.owed += ctx.value;
      return ctx.state.owed;
    },
    withdraw(ctx: Ctx<State>) {
      const mine = idMapGet(ctx.state.deposits, ctx.caller) ?? 0;
      if (mine === 0) ctx.fail("not_authorized", "nothing deposited");
      idMapDelete(ctx.state.deposits, ctx.caller);
      ctx.state.owed -= mine;
      const paid = Math.min(mine * 2, ctx.balance());
      ctx.transfer(ctx.caller, paid);
      return paid;
    },
  },
  views: { owed: (ctx: Ctx<State>) => ctx.state.owed },
});
