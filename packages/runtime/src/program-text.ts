import {
  CAUGHT,
  CHARGE,
  GUARD,
  type Insertion,
  type InstrumentedCode,
  RESERVED_PREFIX,
  THROWN,
} from "./instrument.js";

const PARAMS = `${CHARGE},${CAUGHT},${THROWN},${GUARD}`;
/** Code placed before a program without a shell on its first line: the factory wrapper. */
export const PREFIX = `(function(${PARAMS}){return function(module,exports){"use strict";`;
const SUFFIX = "\n}})";

// Names of the wrapper's own bindings: programs cannot name them (reserved prefix, instrument.ts).
const FACTORY = `${RESERVED_PREFIX}f`;
const SHELL_MODULE = `${RESERVED_PREFIX}m`;
const LINK = `${RESERVED_PREFIX}l`;
/** Before a program with a shell: the program's factory becomes a binding of the outer scope. */
const SHELL_PREFIX = `(function(${PARAMS}){"use strict";const ${FACTORY}=function(module,exports){"use strict";`;
/** Ends the program's factory and opens the shell's module scope, on the shell's first line. */
const SHELL_OPEN = `};const ${SHELL_MODULE}={exports:{}};(function(module,exports){"use strict";`;
/**
 * Ends the shell and returns the factory a run calls: a fresh program instance, linked by the
 * shell's function. The wrapper's text is not metered; the program and the shell are.
 */
const SHELL_CLOSE =
  `\n})(${SHELL_MODULE},${SHELL_MODULE}.exports);const ${LINK}=${SHELL_MODULE}.exports;` +
  `if(typeof ${LINK}!=="function")throw new TypeError("the shell's module.exports is not a function");` +
  `return function(module,exports){${FACTORY}(module,exports);module.exports=${LINK}(module.exports)}})`;

/** What a sandbox evaluates for a program, and where text was inserted into it. */
export interface ProgramText {
  /** A script evaluating to `(charge, caught, thrown, guard) => factory(module, exports)`. */
  readonly text: string;
  /** Length of the wrapper text before the program on line 1. */
  readonly prefixLength: number;
  /** Insertions after the prefix (instrumentation, and the shell's wrapper), in line order. */
  readonly insertions: Insertion[];
}

/**
 * The text a sandbox evaluates: the instrumented program in its factory wrapper and, if given,
 * the instrumented shell after it (see `ProgramSource.shell`). `codeLines` is the number of
 * lines of the program's original code: the shell starts on the line after it, so the shell's
 * positions stay past the program's last line and the program's positions are unchanged.
 */
export function programText(
  code: InstrumentedCode,
  codeLines: number,
  shell?: InstrumentedCode,
): ProgramText {
  if (shell === undefined) {
    return {
      text: PREFIX + code.code + SUFFIX,
      prefixLength: PREFIX.length,
      insertions: code.insertions,
    };
  }
  const first = codeLines + 1;
  const shellInsertions = shell.insertions.map((ins) => ({ ...ins, line: ins.line + codeLines }));
  return {
    text: `${SHELL_PREFIX}${code.code}\n${SHELL_OPEN}${shell.code}${SHELL_CLOSE}`,
    prefixLength: SHELL_PREFIX.length,
    insertions: [
      ...code.insertions,
      { line: first, column: 0, length: SHELL_OPEN.length },
      ...shellInsertions,
    ],
  };
}

/** Lines of `code` (1 for a single line): `\n`, `\r\n`, `\r`, U+2028 and U+2029 end lines. */
export function lineCount(code: string): number {
  return code.split(/\r\n|[\n\r\u2028\u2029]/).length;
}
