import type { JsonValue } from "./json.js";

/** A parameter of a contract method, as the manifest describes it. */
export interface ManifestParam {
  name: string;
  /** TypeScript text of the parameter type. */
  type: string;
  /** JSON Schema of the parameter, where derivable. */
  schema?: { [key: string]: JsonValue };
  optional?: boolean;
}

/** One method or view of a contract. */
export interface ManifestMethod {
  name: string;
  kind: "method" | "view";
  params: ManifestParam[];
  /** TypeScript text of the result type. */
  returns?: string;
  /** Default price, applied to `policy.methodPrices` at deploy. */
  price?: number;
  /** One line saying what the method does (genesis artifacts; TSDoc of contract methods). */
  description?: string;
}

/** What a contract offers, emitted by the SDK compiler and validated by the kernel. */
export interface Manifest {
  methods: ManifestMethod[];
  init?: { params: ManifestParam[] };
  /** Present when the code defines `migrate(ctx, ...args)`, run once by an upgrade to it. */
  migrate?: { params: ManifestParam[] };
  reentrant: boolean;
}

/** A compiled contract, as stored on its artifact. */
export interface ContractCode {
  /** CommonJS-style program whose `module.exports.default` is a contract definition. */
  js: string;
  sourceMap?: string;
  /** The original source text, for explorers and editors. */
  source?: string;
  manifest: Manifest;
}
