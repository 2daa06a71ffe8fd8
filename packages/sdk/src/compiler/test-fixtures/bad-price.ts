import { defineContract } from "@ecology/sdk";

export default defineContract({
  methods: { use: () => 1 },
  prices: { use: 1, premium: 5 },
});
