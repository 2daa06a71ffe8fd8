import { ts } from "ts-morph";
import type { ContractShape } from "../contract-shape.js";
import type { Fix } from "../types.js";

function indentOf(file: ts.SourceFile, offset: number): string {
  const { line } = file.getLineAndCharacterOfPosition(offset);
  const start = file.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(file.text.slice(start, offset))?.[0] ?? "";
}

function paramList(checker: ts.TypeChecker, args: readonly ts.Expression[]): string {
  return args
    .map((arg, i) => {
      const type = checker.getBaseTypeOfLiteralType(checker.getTypeAtLocation(arg));
      const text = type.flags & ts.TypeFlags.Any ? "unknown" : checker.typeToString(type);
      return `, arg${i + 1}: ${text}`;
    })
    .join("");
}

/**
 * A quick fix adding `method` to the `methods` of a workspace contract, with parameters typed
 * after the arguments of the call that needs it and a body that fails until it is written.
 * Undefined when the contract's `methods` is not an object literal.
 *
 * @example
 * ```ts
 * methodStubFix(shape, "reset", [], checker)?.edits[0]?.newText; // ",\n    reset(ctx) {...}"
 * ```
 */
export function methodStubFix(
  shape: ContractShape,
  method: string,
  args: readonly ts.Expression[],
  checker: ts.TypeChecker,
): Fix | undefined {
  const object = shape.methodsObject;
  if (!object) return undefined;
  const file = shape.file;
  const last = object.properties.at(-1);
  const indent = last
    ? indentOf(file, last.getStart())
    : `${indentOf(file, object.getStart())}  `.replace(/^/, "  ");
  const stub = `${method}(ctx${paramList(checker, args)}) {\n${indent}  ctx.fail("contract_error", "${method} is not implemented yet");\n${indent}}`;
  let offset: number;
  let newText: string;
  if (!last) {
    offset = object.getStart() + 1;
    newText = `\n${indent}${stub},\n${indent.slice(2)}`;
  } else if (object.properties.hasTrailingComma) {
    offset = object.properties.end;
    newText = `\n${indent}${stub},`;
  } else {
    offset = last.getEnd();
    newText = `,\n${indent}${stub}`;
  }
  return {
    title: `Add method stub "${method}" to ${shape.id}`,
    edits: [{ path: file.fileName, span: { start: offset, end: offset }, newText }],
  };
}
