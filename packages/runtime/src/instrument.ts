import { type Node, parse } from "acorn";
import { RuntimeError } from "./errors.js";

/** Identifiers with this prefix are reserved for the runtime; programs may not use them. */
export const RESERVED_PREFIX = "__eco$";
/** Name of the charge function injected into instrumented code. */
export const CHARGE = `${RESERVED_PREFIX}c`;
/** Name of the function every caught error passes through first (see {@link instrument}). */
export const CAUGHT = `${RESERVED_PREFIX}k`;
/** Name of the function every thrown value passes through (records where non-Errors are thrown). */
export const THROWN = `${RESERVED_PREFIX}t`;
/** Name of the guard every derived class with private members calls first (see {@link instrument}). */
export const GUARD = `${RESERVED_PREFIX}g`;
const ERROR_BINDING = `${RESERVED_PREFIX}e`;
/** The private field the guard is installed as: the first field initialized on an instance. */
const GUARD_FIELD = `#${RESERVED_PREFIX}s=${GUARD}(this);`;

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

/**
 * True for a class that extends another and declares instance private members: its base
 * constructor may return an existing (shared) object, which would then get the fields.
 */
function needsSharedGuard(node: AnyNode): boolean {
  if (node.type !== "ClassDeclaration" && node.type !== "ClassExpression") return false;
  if (node.superClass === null || node.superClass === undefined) return false;
  const elements = (node.body as AnyNode).body as AnyNode[];
  return elements.some((element) => {
    const key = element.key as AnyNode | undefined;
    return element.static !== true && key?.type === "PrivateIdentifier";
  });
}

/** Reports whether `value` is an AST node. */
function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

/** Rejects what the sandbox cannot meter or keep deterministic, with a readable reason. */
function check(node: AnyNode): void {
  const fail = (why: string) => {
    throw new RuntimeError("invalid_program", `${why} (at offset ${node.start})`);
  };
  const isName = node.type === "Identifier" || node.type === "PrivateIdentifier";
  if (isName && String(node.name).startsWith(RESERVED_PREFIX)) {
    fail(`identifier ${String(node.name)} is reserved`);
  }
  if (FUNCTIONS.has(node.type) && node.async === true) fail("async functions are not supported");
  if (node.type === "ImportExpression") fail("import() is not supported");
  if (node.type === "AwaitExpression") fail("await is not supported");
}

/**
 * One pass over the AST. `visit` returns a node's weight in its enclosing region: the number of
 * AST nodes evaluated each time the region is entered, not counting nested functions, loop
 * iterations and handlers, which open regions (and charge sites) of their own.
 */
class Instrumenter {
  readonly edits: Edit[] = [];
  sites = 0;

  /** Reserves an edit now (so outer edits sort before inner ones) and fills its text later. */
  private edit(pos: number, close = false): Edit {
    const edit = { pos, text: "", close, seq: this.edits.length };
    this.edits.push(edit);
    return edit;
  }

  private charge(weight: number): string {
    return `${CHARGE}(${SITE_COST + weight});`;
  }

  /** Opens a charge site at the start of `body`, wrapping it when it is not a block. */
  private site(body: AnyNode, arrow: boolean): (weight: number) => void {
    this.sites++;
    if (body.type === "BlockStatement") {
      const open = this.edit(body.start + 1);
      return (weight) => {
        open.text = this.charge(weight);
      };
    }
    const open = this.edit(body.start);
    this.edit(body.end, true).text = arrow ? ")" : "}";
    return (weight) => {
      open.text = arrow ? `(${CHARGE}(${SITE_COST + weight}),` : `{${this.charge(weight)}`;
    };
  }

  program(ast: AnyNode): void {
    const top = this.edit(0);
    this.sites++;
    top.text = this.charge(this.visitAll(ast.body as AnyNode[]));
  }

  private visitAll(nodes: (AnyNode | null | undefined)[]): number {
    let weight = 0;
    for (const node of nodes) if (isNode(node)) weight += this.visit(node);
    return weight;
  }

  private visit(node: AnyNode): number {
    check(node);
    if (FUNCTIONS.has(node.type)) {
      const body = node.body as AnyNode;
      const fill = this.site(
        body,
        node.type === "ArrowFunctionExpression" && body.type !== "BlockStatement",
      );
      fill(this.visitAll([...(node.params as AnyNode[]), body]));
      return 1 + (isNode(node.id) ? 1 : 0);
    }
    if (LOOPS.has(node.type)) {
      const body = node.body as AnyNode;
      const fill = this.site(body, false);
      fill(
        this.visitAll([body, node.test as AnyNode, node.update as AnyNode, node.left as AnyNode]),
      );
      return 1 + this.visitAll([node.init as AnyNode, node.right as AnyNode]);
    }
    if (node.type === "TryStatement") return this.visitTry(node);
    if (needsSharedGuard(node)) this.edit((node.body as AnyNode).start + 1).text = GUARD_FIELD;
    if (node.type === "ThrowStatement") {
      // A thrown plain object or primitive has no stack; recording one at the throw gives
      // failures such as "throw { code }" a source position too.
      const argument = node.argument as AnyNode;
      this.edit(argument.start).text = `${THROWN}(`;
      this.edit(argument.end, true).text = ")";
    }
    let weight = 1;
    for (const key in node) {
      const value = node[key];
      if (typeof value !== "object" || value === null) continue;
      if (Array.isArray(value)) weight += this.visitAll(value as AnyNode[]);
      else if (isNode(value)) weight += this.visit(value);
    }
    return weight;
  }

  /**
   * Wraps a try block so every error it lets out passes through the caught-error check before
   * the program's own handler sees it: `try {A} catch (p) {B}` becomes
   * `try {try {A} catch (e) {check(e); throw e}} catch (p) {B}`. The check makes a stack
   * overflow or out-of-memory error fatal to the run, so catch-and-retry storms (each overflow
   * costs milliseconds to build) cannot outlast the budget. Handler and finally bodies are
   * charge sites of their own.
   */
  private visitTry(node: AnyNode): number {
    const block = node.block as AnyNode;
    this.edit(block.start).text = "{try ";
    this.edit(block.end, true).text =
      `catch(${ERROR_BINDING}){${CAUGHT}(${ERROR_BINDING});throw ${ERROR_BINDING}}}`;
    const weight = 1 + this.visit(block);
    const handler = node.handler as AnyNode | null;
    if (handler !== null) {
      check(handler);
      const body = handler.body as AnyNode;
      const fill = this.site(body, false);
      fill(HANDLER_COST + this.visitAll([handler.param as AnyNode, body]));
    }
    const finalizer = node.finalizer as AnyNode | null;
    if (finalizer !== null) {
      const fill = this.site(finalizer, false);
      fill(HANDLER_COST + this.visit(finalizer));
    }
    return weight;
  }
}

/**
 * Injects compute charges into a CommonJS program: one at the top of the module body, one at
 * the entry of every function, at the start of every loop iteration and of every catch and
 * finally block, each charging the static weight of its region. The program cannot reach or
 * shadow the charge function because `__eco$`-prefixed identifiers are refused. Text is only
 * inserted on existing lines, so line numbers are unchanged and columns are recoverable from
 * `insertions`.
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
  const instrumenter = new Instrumenter();
  instrumenter.program(ast);
  return { ...applyEdits(code, instrumenter.edits), sites: instrumenter.sites };
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
