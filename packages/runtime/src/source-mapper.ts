import { type RawSourceMap, SourceMapConsumer } from "source-map-js";
import { type Insertion, originalColumn } from "./instrument.js";
import type { SourcePosition } from "./types.js";

const FRAME = /^(\s*at )(.*?) \((.*):(\d+):(\d+)\)$/;
/**
 * What a parsed source map costs, as a multiple of its JSON text: the cooperative-service
 * contract's 57 KB map takes ~243 KB of heap once parsed (measured with `--expose-gc`).
 */
const PARSED_MAP_FACTOR = 4;

/**
 * Maps QuickJS stack positions of an instrumented program back to the original source: first
 * undoing the inserted charges (columns), then through the program's source map if it has one.
 * The consumer is built lazily, on the first failure that needs it.
 */
export class StackMapper {
  private consumer: SourceMapConsumer | undefined;
  private readonly insertions: Insertion[];

  constructor(
    private readonly filename: string,
    insertions: Insertion[],
    prefixLength: number,
    private readonly sourceMap: string | undefined,
    private readonly onParsed: () => void = () => {},
  ) {
    this.insertions = [{ line: 1, column: 0, length: prefixLength }, ...insertions];
  }

  /** Estimated bytes of the parsed source map: 0 until a failure needed it. */
  get parsedBytes(): number {
    return this.consumer === undefined ? 0 : PARSED_MAP_FACTOR * (this.sourceMap?.length ?? 0);
  }

  /** Maps a 1-based line and 1-based column of the running code to the original source. */
  position(line: number, column: number): SourcePosition {
    const jsColumn = originalColumn(this.insertions, line, column - 1);
    const consumer = this.getConsumer();
    if (consumer !== undefined) {
      const found = consumer.originalPositionFor({ line, column: jsColumn });
      if (found.source !== null && found.line !== null) {
        return { file: found.source, line: found.line, column: found.column + 1 };
      }
    }
    return { file: this.filename, line, column: jsColumn + 1 };
  }

  /**
   * Rewrites a QuickJS stack: frames of the program are mapped, frames of the runtime's own
   * sandbox code and of native builtins are dropped. `at` is the first program frame.
   */
  mapStack(stack: string): { stack: string; at?: SourcePosition } {
    const lines: string[] = [];
    let at: SourcePosition | undefined;
    for (const raw of stack.split("\n")) {
      if (raw.trim() === "") continue;
      const match = FRAME.exec(raw);
      if (match === null) continue;
      const [, lead, name, file, line, column] = match as unknown as string[];
      if (file !== this.filename) continue;
      const pos = this.position(Number(line), Number(column));
      at ??= pos;
      lines.push(`${lead}${name} (${pos.file}:${pos.line}:${pos.column})`);
    }
    return at === undefined ? { stack: lines.join("\n") } : { stack: lines.join("\n"), at };
  }

  private getConsumer(): SourceMapConsumer | undefined {
    if (this.sourceMap === undefined) return undefined;
    if (this.consumer === undefined) {
      try {
        this.consumer = new SourceMapConsumer(JSON.parse(this.sourceMap) as RawSourceMap);
      } catch {
        return undefined;
      }
      this.onParsed();
    }
    return this.consumer;
  }
}
