import { defineContract } from "@ecology/sdk";
// @ts-expect-error a plain JavaScript file without types
import { stamp } from "./vendor/stamp.js";

export default defineContract({
  methods: { mark: (_ctx, n: number) => stamp(n) },
});
