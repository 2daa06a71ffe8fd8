/**
 * The wire types the kernel speaks, all from `@ecology/protocol` (their one home, DESIGN.md §8);
 * kernel modules import them from here.
 */
export type {
  AllowList,
  Artifact,
  ArtifactKind,
  ContractCode,
  ContractErrorCode,
  Cost,
  Envelope,
  EnvelopeError,
  ErrorCode,
  EventFilter,
  EventPage,
  EventType,
  FailureEnvelope,
  JsonValue,
  KernelEvent,
  Manifest,
  ManifestMethod,
  ManifestParam,
  PathFrame,
  Policy,
  SourcePosition,
  SuccessEnvelope,
} from "@ecology/protocol";
export { CONTRACT_ERROR_CODES, ERROR_CODES } from "@ecology/protocol";
