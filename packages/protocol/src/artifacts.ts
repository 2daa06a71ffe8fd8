import type { JsonValue } from "./json.js";
import type { ContractCode } from "./manifest.js";

/** Who may read or invoke: everyone (`"*"`) or a list of principal / artifact ids. */
export type AllowList = "*" | string[];

/** An artifact's access and pricing policy (DESIGN.md §2). */
export interface Policy {
  readPrice: number;
  invokePrice: number;
  methodPrices?: { [method: string]: number };
  allowRead: AllowList;
  allowInvoke: AllowList;
  /** A contract consulted as `gate.check(caller, action, method)` → boolean. */
  gate?: string;
  /**
   * Whether the owner may replace the contract's code (`upgrade`, DESIGN.md §9). Contracts
   * only; set at deploy, can be switched off and never back on. Absent means false.
   */
  upgradable?: boolean;
}

/** Kinds of artifact. */
export type ArtifactKind = "data" | "contract" | "genesis";

/** An artifact as the kernel returns it to the operator (everything). */
export interface Artifact {
  id: string;
  kind: ArtifactKind;
  owner: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  content?: JsonValue;
  code?: ContractCode;
  state?: JsonValue;
  policy: Policy;
  metadata: { [key: string]: JsonValue };
  deleted: boolean;
}

/** An artifact as discovery (`query("artifacts")`) summarises it: no content, code or state. */
export interface ArtifactSummary {
  id: string;
  kind: ArtifactKind;
  owner: string;
  createdBy: string;
  version: number;
  updatedAt: number;
  policy: Policy;
  metadata: { [key: string]: JsonValue };
}

/** A principal as discovery (`query("principals")`) lists it. */
export interface PrincipalSummary {
  id: string;
  createdAt: number;
  balance: number;
}

/** Status of an escrow listing. */
export type ListingStatus = "active" | "completed" | "cancelled";

/** A listing of `genesis_escrow`, as its methods and `query("listings")` return it. */
export interface EscrowListing {
  artifactId: string;
  seller: string;
  price: number;
  /** Only this buyer may purchase while active; after a purchase, who bought it. */
  buyer: string | null;
  status: ListingStatus;
  createdAt: number;
  closedAt: number | null;
}

/** A page of listings; `next` is the `offset` of the following page, or null at the end. */
export interface ListingPage {
  listings: EscrowListing[];
  next: number | null;
}

/** What discovery can list. */
export const QUERY_KINDS = ["artifacts", "principals", "listings"] as const;

/** One of {@link QUERY_KINDS}. */
export type QueryKind = (typeof QUERY_KINDS)[number];
