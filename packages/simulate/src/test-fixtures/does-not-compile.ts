import { defineContract } from "@ecology/sdk";

export default defineContract({
  init: () => ({ at: Date.now() }),
  methods: {},
});
