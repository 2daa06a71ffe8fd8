// Types of explorer.js (a browser script served as-is, so it is plain JavaScript).
import type { KernelEvent } from "@ecology/kernel";

/** The columns of each table; every table gets this header row. */
export declare const TABLES: {
  balances: string[];
  artifacts: string[];
  events: string[];
};
/** The message shown for a refused or missing token. */
export declare const TOKEN_REFUSED: string;
/** The one line to show for a failed request (HTTP status and parsed body, if any). */
export declare function failureMessage(status: number, body: unknown): string;
/** The rows of a `balances` result. */
export declare function balanceRows(balances: Record<string, number>): unknown[][];
/** The rows of an `artifacts` envelope; a failure envelope throws its message. */
export declare function artifactRows(envelope: unknown): unknown[][];
/** The row of one event. */
export declare function eventRow(event: KernelEvent): unknown[];
/** Splits complete Server-Sent Events messages off `buffer`: their `data` and the rest. */
export declare function takeSseData(buffer: string): { data: string[]; rest: string };
