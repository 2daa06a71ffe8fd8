import { defineContract } from "@ecology/sdk";

/** A coin flip on ctx.random (the weakness ctx.random's docs warn about): double or nothing. */
export default defineContract({
  methods: {
    flip(ctx) {
      if (ctx.random() < 0.5) ctx.transfer(ctx.caller, ctx.value * 2);
    },
  },
});
