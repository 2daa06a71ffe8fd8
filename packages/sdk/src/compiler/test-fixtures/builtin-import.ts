import { defineContract } from "@ecology/sdk";
// biome-ignore lint/style/useNodejsImportProtocol: the bare specifier is what this fixture tests
import { createHash } from "crypto";

export default defineContract({
  methods: { hash: (_ctx, s: string) => createHash("sha256").update(s).digest("hex") },
});
