export type { CommitRevealState } from "./commit-reveal.js";
export {
  commitmentFor,
  commitTo,
  createCommitReveal,
  revealSecret,
  roundOutcome,
  settleCommitReveal,
} from "./commit-reveal.js";
export type { DealState, DealStatus } from "./escrow.js";
export {
  acceptDeal,
  buyListing,
  cancelDeal,
  completeDeal,
  createDeal,
  depositItem,
  disputeDeal,
  ownsArtifact,
  resolveDeal,
} from "./escrow.js";
export type { AccessDecision, AccessRules, GatekeeperState } from "./gatekeeper.js";
export { checkAccess, createGatekeeper, requestAccess, updateRules } from "./gatekeeper.js";
export { requireCaller, requireOwner, requirePositiveAmount, requireValue } from "./guards.js";
export type { IdMap } from "./id-map.js";
export {
  idMapDelete,
  idMapEntries,
  idMapGet,
  idMapHas,
  idMapKeyOf,
  idMapKeys,
  idMapSet,
  idMapStoredKey,
} from "./id-map.js";
export type { UsageState } from "./pay-per-use.js";
export { chargeAttached, createUsage, recordUse, tieredPrices } from "./pay-per-use.js";
export type { Payout, PoolState } from "./pool.js";
export {
  createPool,
  distributePool,
  joinPool,
  poolMembers,
  poolRevenue,
  splitProportionally,
  withdrawFromPool,
} from "./pool.js";
export { readAllEvents } from "./read-events.js";
export type { ReputationMetrics, ReputationRule } from "./reputation.js";
export { computeReputation, meetsReputation } from "./reputation.js";
export { sha256Hex } from "./sha256.js";
export type {
  AgreedAction,
  ApprovalStatus,
  CustomExecutor,
  Proposal,
  ThresholdState,
} from "./threshold.js";
export { approveProposal, createThreshold, executeAction, propose } from "./threshold.js";
export type { TrustedSources } from "./trusted-sources.js";
export { eventsFromTrusted, requireTrustedSources } from "./trusted-sources.js";
