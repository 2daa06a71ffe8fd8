import { type Ctx, defineContract } from "@ecology/sdk";
import { type IdMap, idMapDelete, idMapGet, idMapSet } from "@ecology/sdk/patterns";

type State = { deposits: IdMap<number>; owed: number };

/** A vault: deposit scrip attached to the call, withdraw exactly your own deposit. */
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
      ctx.transfer(ctx.caller, mine);
      return mine;
    },
  },
  views: { owed: (ctx: Ctx<State>) => ctx.state.owed },
});
