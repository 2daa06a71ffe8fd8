import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTemplates } from "../src/generate/generate-templates.js";

// Runs after tsc in `pnpm build`: writes dist/templates from examples/ and blank/.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const written = generateTemplates({
  repoRoot: join(packageRoot, "..", ".."),
  outDir: join(packageRoot, "dist", "templates"),
});
process.stdout.write(`templates: ${written.map((t) => t.name).join(", ")}\n`);
