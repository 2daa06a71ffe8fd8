import type { ts } from "ts-morph";
import { readContractShape } from "./contract-shape.js";
import type { LensInfo } from "./types.js";

/**
 * Code lenses of a contract file: "Run ▶" above every method and view (runs it on the connected
 * kernel) and "Deploy" above the `defineContract` call. Empty for other files.
 *
 * @example
 * ```ts
 * lensesOf(file).map((l) => l.title); // ["Deploy", "Run ▶", "Run ▶"]
 * ```
 */
export function lensesOf(file: ts.SourceFile): LensInfo[] {
  const shape = readContractShape(file);
  if (!shape?.defineCall) return [];
  const callee = shape.defineCall.expression;
  const lenses: LensInfo[] = [
    {
      span: { start: callee.getStart(), end: callee.getEnd() },
      title: "Deploy",
      command: "ecology.deploy",
      argument: { file: file.fileName, id: shape.id },
    },
  ];
  for (const member of shape.members) {
    lenses.push({
      span: member.nameSpan,
      title: "Run ▶",
      command: "ecology.run",
      argument: {
        file: file.fileName,
        artifact: shape.id,
        method: member.name,
        params: member.params.map((p) => p.name.getText()),
      },
    });
  }
  return lenses;
}
