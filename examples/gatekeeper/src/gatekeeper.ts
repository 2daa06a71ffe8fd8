import { type Ctx, defineContract } from "@ecology/sdk";
import {
  type AccessRules,
  checkAccess,
  createGatekeeper,
  type GatekeeperState,
  requestAccess,
  updateRules,
} from "@ecology/sdk/patterns";

type State = { gate: GatekeeperState };

/**
 * A gatekeeper (seed Pattern 5). The protected artifact allows only this contract to read it
 * (`allowRead: ["gatekeeper"]`); `requestAccess` applies the rules to the caller and reads the
 * artifact **as the gatekeeper** for those it admits. `check` makes the same rules usable as a
 * kernel `policy.gate` on other artifacts.
 */
export default defineContract({
  init: (_ctx, protectedId: string, rules: AccessRules): State => ({
    gate: createGatekeeper(protectedId, rules),
  }),
  methods: {
    requestAccess: (ctx: Ctx<State>) => requestAccess(ctx, ctx.state.gate),
    updateRules: (ctx: Ctx<State>, patch: Partial<AccessRules>) =>
      updateRules(ctx, ctx.state.gate, patch),
  },
  views: {
    rules: (ctx: Ctx<State>) => ctx.state.gate.rules,
    check: (ctx: Ctx<State>, caller: string, _action: string, _method: string | null) =>
      checkAccess(ctx, ctx.state.gate, caller).allowed,
  },
});
