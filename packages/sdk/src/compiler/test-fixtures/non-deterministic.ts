import { defineContract } from "@ecology/sdk";

type Stamp = { at: Date };

export default defineContract({
  methods: {
    now: () => Date.now(),
    roll: () => Math.random(),
    later: () => setTimeout(() => undefined, 10),
    call: () => fetch("https://example.com"),
    tick: () => performance.now(),
    env: () => process.env.HOME ?? "",
    load: () => require("./lib/clamp.js"),
    fine: (_ctx, stamp: number) => {
      const process = { env: stamp };
      const shape: Stamp | undefined = undefined;
      return [process.env, shape === undefined];
    },
  },
});
