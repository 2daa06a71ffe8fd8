import type { ManifestMethod } from "@ecology/protocol";
import type { ts } from "ts-morph";
import { type ContractShape, readContractShape } from "./contract-shape.js";
import { genesisCatalog } from "./genesis-catalog.js";
import type { ArtifactInfo } from "./types.js";

/** Every artifact a call can name: genesis, workspace contracts and a connected kernel's. */
export interface Catalog {
  get(id: string): ArtifactInfo | undefined;
  all(): ArtifactInfo[];
  /** The workspace contract behind `id`, if it is one. */
  shape(id: string): ContractShape | undefined;
  /** Whether deployed artifacts are known (a kernel is connected). */
  readonly kernelConnected: boolean;
}

function paramType(param: ts.ParameterDeclaration): string {
  return param.type ? param.type.getText() : "unknown";
}

function workspaceArtifact(shape: ContractShape): ArtifactInfo {
  const methods: ManifestMethod[] = shape.members.map((member) => {
    const method: ManifestMethod = {
      name: member.name,
      kind: member.kind,
      params: member.params.map((p) => {
        const optional = p.questionToken !== undefined || p.initializer !== undefined;
        return { name: p.name.getText(), type: paramType(p), ...(optional ? { optional } : {}) };
      }),
    };
    const price = shape.prices.get(member.name);
    if (price !== undefined) method.price = price;
    if (member.fn?.type) method.returns = member.fn.type.getText();
    return method;
  });
  return {
    id: shape.id,
    origin: "workspace",
    methods,
    file: shape.file.fileName,
    description: "workspace contract",
  };
}

/**
 * Builds the {@link Catalog} from the workspace files and the artifacts of a connected kernel
 * (`undefined` when none is connected). A workspace contract's methods come from its source
 * (newer than any deployment); owner and policy come from the kernel when it has the same id.
 *
 * @example
 * ```ts
 * const catalog = createCatalog(workspace.files(), undefined);
 * catalog.get("genesis_escrow")?.methods.map((m) => m.name);
 * ```
 */
export function createCatalog(
  files: readonly ts.SourceFile[],
  deployed: readonly ArtifactInfo[] | undefined,
): Catalog {
  const byId = new Map<string, ArtifactInfo>();
  const shapes = new Map<string, ContractShape>();
  for (const artifact of genesisCatalog()) byId.set(artifact.id, artifact);
  for (const artifact of deployed ?? []) {
    const known = byId.get(artifact.id);
    byId.set(artifact.id, known ? { ...known, ...pickKernelFields(artifact) } : artifact);
  }
  for (const file of files) {
    const shape = readContractShape(file);
    if (!shape || shapes.has(shape.id)) continue;
    shapes.set(shape.id, shape);
    const fromKernel = byId.get(shape.id);
    const local = workspaceArtifact(shape);
    byId.set(
      shape.id,
      fromKernel?.origin === "kernel" ? { ...local, ...pickKernelFields(fromKernel) } : local,
    );
  }
  return {
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
    shape: (id) => shapes.get(id),
    kernelConnected: deployed !== undefined,
  };
}

function pickKernelFields(artifact: ArtifactInfo): Partial<ArtifactInfo> {
  const out: Partial<ArtifactInfo> = {};
  if (artifact.owner !== undefined) out.owner = artifact.owner;
  if (artifact.policy !== undefined) out.policy = artifact.policy;
  return out;
}

/**
 * What calling `method` on `artifact` costs: the deployed policy's `methodPrices`, else its
 * `invokePrice`, else the manifest's default price. Undefined when nothing says.
 *
 * @example
 * ```ts
 * priceOf(catalog.get("pool")!, "join"); // 2
 * ```
 */
export function priceOf(artifact: ArtifactInfo, method: string): number | undefined {
  const policy = artifact.policy;
  const fromPolicy = policy?.methodPrices?.[method] ?? policy?.invokePrice;
  if (fromPolicy !== undefined) return fromPolicy;
  const declared = artifact.methods.find((m) => m.name === method)?.price;
  if (declared !== undefined) return declared;
  return artifact.origin === "genesis" ? 0 : undefined;
}

/**
 * `name(a: T, b?: U): R` for hovers and completion details.
 *
 * @example
 * ```ts
 * signatureText(method); // "transfer(to: string, amount: number): { ... }"
 * ```
 */
export function signatureText(method: ManifestMethod): string {
  const params = method.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`);
  return `${method.name}(${params.join(", ")})${method.returns ? `: ${method.returns}` : ""}`;
}
