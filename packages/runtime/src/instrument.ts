import { type Node, parse } from "acorn";
import { RuntimeError } from "./errors.js";

/** Identifiers with this prefix are reserved for the runtime; programs may not use them. */
export const RESERVED_PREFIX = "__eco$";
/** Name of the charge function injected into instrumented code. */
export const CHARGE = `${RESERVED_PREFIX}c`;
/** Name of the function every caught error passes through first (see {@link instrument}). */
export const CAUGHT = `${RESERVED_PREFIX}k`;
const ERROR_BINDING = `${RESERVED_PREFIX}e`;

/** Text inserted into the program, recorded so stack positions can be mapped back. */
export interface Insertion {
  /** 1-based line of the original code. */
  line: number;
  /** 0-based column in the original code before which the text was inserted. */
  column: number;
  length: number;
}

/** The result of {@link instrument}: code with charges, and where text was inserted. */
export interface InstrumentedCode {
  code: string;
  insertions: Insertion[];
  /** Number of charge sites injected (for diagnostics and tests). */
  sites: number;
}

interface Edit {
  pos: number;
  text: string;
  close: boolean;
  seq: number;
}

type AnyNode = Node & Record<string, unknown>;

/** Units every charge site adds to its region's weight: entering a region has a cost. */
const SITE_COST = 4;
/** Extra units for entering a catch or finally block: building an error is not free. */
const HANDLER_COST = 50;

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
const LOOPS = new Set([
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "WhileStatement",
  "DoWhileStatement",
]);

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key in node) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Rejects what the sandbox cannot meter or keep deterministic, with a readable reason. */
function check(node: AnyNode): void {
  const fail = (why: string) => {
    throw new RuntimeError("invalid_program", `${why} (at offset ${node.start})`);
  };
  if (node.type === "Identifier" && String(node.name).startsWith(RESERVED_PREFIX)) {
    fail(`identifier ${String(node.name)} is reserved`);
  }
  if (FUNCTIONS.has(node.type) && node.async === true) fail("async functions are not supported");
  if (node.type === "ImportExpression") fail("import() is not supported");
  if (node.type === "AwaitExpression") fail("await is not supported");
}

/**
 * Weight of a region: the number of AST nodes evaluated each time the region is entered,
 * not counting nested functions and loop bodies (those charge for themselves).
 */
function weigh(nodes: AnyNode[]): number {
  let weight = 0;
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    weight++;
    if (FUNCTIONS.has(node.type)) continue;
    if (LOOPS.has(node.type)) {
      if (node.type === "ForStatement" && isNode(node.init)) stack.push(node.init);
      if (node.type === "ForInStatement" || node.type === "ForOfStatement") {
        if (isNode(node.right)) stack.push(node.right);
      }
      continue;
    }
    stack.push(...children(node));
  }
  return weight;
}

/** The per-iteration part of a loop: body, test and update. */
function loopRegion(node: AnyNode): AnyNode[] {
  const parts = [node.body, node.test, node.update, node.left];
  return parts.filter(isNode);
}

/**
 * Injects compute charges into a CommonJS program: one at the top of the module body, one at
 * the entry of every function and one at the start of every loop iteration, each charging the
 * static weight of its region. The program cannot reach or shadow the charge function because
 * `__eco$`-prefixed identifiers are refused. Text is only inserted on existing lines, so line
 * numbers are unchanged and columns are recoverable from `insertions`.
 *
 * Throws `RuntimeError` (`invalid_program`) on syntax errors, async code, `import()` or
 * reserved identifiers.
 */
export function instrument(code: string): InstrumentedCode {
  let ast: AnyNode;
  try {
    ast = parse(code, {
      ecmaVersion: "latest",
      sourceType: "script",
      allowReturnOutsideFunction: true,
    }) as unknown as AnyNode;
  } catch (error) {
    throw new RuntimeError("invalid_program", `syntax error: ${(error as Error).message}`);
  }
  const edits: Edit[] = [];
  let seq = 0;
  const add = (pos: number, text: string, close = false) => {
    edits.push({ pos, text, close, seq: seq++ });
  };
  const charge = (weight: number) => `${CHARGE}(${SITE_COST + weight});`;
  add(0, charge(weigh(ast.body as AnyNode[])));
  let sites = 1;
  const stack: AnyNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    check(node);
    if (FUNCTIONS.has(node.type)) {
      const body = node.body as AnyNode;
      const weight = weigh([...(node.params as AnyNode[]), body]);
      if (body.type === "BlockStatement") add(body.start + 1, charge(weight));
      else {
        add(body.start, `(${CHARGE}(${SITE_COST + weight}),`);
        add(body.end, ")", true);
      }
      sites++;
    } else if (node.type === "TryStatement") {
      sites += guardTry(node, add, charge);
    } else if (LOOPS.has(node.type)) {
      const body = node.body as AnyNode;
      const weight = weigh(loopRegion(node));
      if (body.type === "BlockStatement") add(body.start + 1, charge(weight));
      else {
        add(body.start, `{${charge(weight)}`);
        add(body.end, "}", true);
      }
      sites++;
    }
    stack.push(...children(node));
  }
  return { ...applyEdits(code, edits), sites };
}

/**
 * Wraps a try block so every error it lets out passes through the caught-error check before
 * the program's own handler sees it: `try {A} catch (p) {B}` becomes
 * `try {try {A} catch (e) {check(e); throw e}} catch (p) {B}`. The check makes a stack
 * overflow or out-of-memory error fatal to the run, so catch-and-retry storms (each overflow
 * costs milliseconds to build) cannot outlast the budget. Handler and finally bodies charge
 * for themselves. Returns the number of charge sites added.
 */
function guardTry(
  node: AnyNode,
  add: (pos: number, text: string, close?: boolean) => void,
  charge: (weight: number) => string,
): number {
  const block = node.block as AnyNode;
  add(block.start, "{try ");
  add(
    block.end,
    `catch(${ERROR_BINDING}){${CAUGHT}(${ERROR_BINDING});throw ${ERROR_BINDING}}}`,
    true,
  );
  let sites = 0;
  const handler = node.handler as AnyNode | null;
  for (const body of [handler?.body as AnyNode | undefined, node.finalizer as AnyNode | null]) {
    if (body === undefined || body === null) continue;
    add(body.start + 1, charge(HANDLER_COST + weigh(body.body as AnyNode[])));
    sites++;
  }
  return sites;
}

function applyEdits(code: string, edits: Edit[]): { code: string; insertions: Insertion[] } {
  // Closing text at a position goes before opening text there; nested closers innermost first.
  edits.sort((a, b) => {
    if (a.pos !== b.pos) return a.pos - b.pos;
    if (a.close !== b.close) return a.close ? -1 : 1;
    return a.close ? b.seq - a.seq : a.seq - b.seq;
  });
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const parts: string[] = [];
  const insertions: Insertion[] = [];
  let last = 0;
  let line = 0;
  for (const edit of edits) {
    parts.push(code.slice(last, edit.pos), edit.text);
    last = edit.pos;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= edit.pos) line++;
    const column = edit.pos - (lineStarts[line] as number);
    insertions.push({ line: line + 1, column, length: edit.text.length });
  }
  parts.push(code.slice(last));
  return { code: parts.join(""), insertions };
}

/**
 * Maps a 0-based column of instrumented code back to the original column on the same line.
 * A column inside inserted text maps to the insertion point.
 */
export function originalColumn(insertions: Insertion[], line: number, column: number): number {
  let offset = 0;
  for (const ins of insertions) {
    if (ins.line !== line) continue;
    const start = ins.column + offset;
    if (column < start) break;
    if (column < start + ins.length) return ins.column;
    offset += ins.length;
  }
  return column - offset;
}
