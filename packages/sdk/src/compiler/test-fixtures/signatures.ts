import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import { counting } from "./lib/counting.js";

type Rules = { blacklist: string[]; minBalance: Integer; note?: string };
type State = { rules: Rules; count: number };

export default defineContract({
  init: (_ctx, rules: Rules, label?: string): State => ({ rules, count: label ? 1 : 0 }),
  methods: {
    ...counting<State>(),
    setRules(ctx: Ctx<State>, rules: Rules) {
      ctx.state.rules = rules;
    },
    choose(_ctx: Ctx<State>, side: "buyer" | "seller", flag: boolean, tiers: 1 | 2 | 3) {
      return { side, flag, tiers };
    },
    tag(_ctx: Ctx<State>, tags: string[], memo?: string) {
      return memo ? [...tags, memo] : tags;
    },
    pay(_ctx: Ctx<State>, amount: Integer) {
      return amount;
    },
    anything(_ctx: Ctx<State>, value: unknown) {
      return value === null;
    },
  },
  views: { rules: (ctx: Ctx<State>) => ctx.state.rules },
  prices: { bump: 3, rules: 1 },
  reentrant: true,
});
