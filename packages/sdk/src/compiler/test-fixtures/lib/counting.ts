import type { Ctx } from "@ecology/sdk";

/** Methods shared by several fixtures: composed into a definition with a spread. */
export function counting<S extends { count: number }>() {
  return {
    bump(ctx: Ctx<S>, by: number) {
      ctx.state.count += by;
      return ctx.state.count;
    },
  };
}
