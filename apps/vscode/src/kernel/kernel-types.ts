/**
 * The shapes the extension reads from a local kernel's JSON-RPC answers. They mirror
 * `@ecology/kernel`'s public types; the extension keeps its own copy because it talks to the
 * kernel only over HTTP and must not bundle the kernel (DESIGN.md §1: `language-server` ←
 * `apps/vscode`).
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** One frame of the invoke chain down to the frame that failed. */
export interface PathFrame {
  artifact: string;
  method: string;
}

/** An entry of the kernel's event log. */
export interface KernelEvent {
  seq: number;
  time: number;
  tx: string;
  type: string;
  actor: string;
  target?: string;
  data: { [key: string]: JsonValue };
  hash: string;
}

/** The result of every kernel operation (DESIGN.md §2, ADR 0002). */
export type Envelope =
  | {
      success: true;
      result: JsonValue;
      cost: { price: number; value: number; compute: number };
      events: KernelEvent[];
    }
  | {
      success: false;
      error: {
        code: string;
        message: string;
        path?: PathFrame[];
        at?: { file?: string; line: number; column: number };
        details?: { [key: string]: JsonValue };
      };
    };

/** A parameter of a contract method, as the manifest describes it. */
export interface ManifestParam {
  name: string;
  type: string;
  schema?: { [key: string]: JsonValue };
  optional?: boolean;
}

/** One method or view of a contract. */
export interface ManifestMethod {
  name: string;
  kind: "method" | "view";
  params: ManifestParam[];
  returns?: string;
  price?: number;
}

/** An artifact as the `artifacts` discovery query summarises it. */
export interface ArtifactSummary {
  id: string;
  kind: "data" | "contract" | "genesis";
  owner: string;
  policy: {
    invokePrice?: number;
    readPrice?: number;
    methodPrices?: { [method: string]: number };
    allowInvoke?: "*" | string[];
    allowRead?: "*" | string[];
  };
}
