import { readFileSync } from "node:fs";
import { defineContract } from "@ecology/sdk";

export default defineContract({
  methods: { leak: () => readFileSync("/etc/passwd", "utf8") },
});
