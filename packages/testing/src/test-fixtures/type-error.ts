import { defineContract } from "@ecology/sdk";

export default defineContract({
  methods: {
    oops(_ctx) {
      const n: number = "not a number";
      return n;
    },
  },
});
