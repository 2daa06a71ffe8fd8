import { type Ctx, defineContract } from "@ecology/sdk";

/** The end-to-end test's contract that does not compile: Deploy shows the error in Problems. */
export default defineContract({
  methods: {
    half: (_ctx: Ctx<null>, n: number): string => n / 2,
  },
});
