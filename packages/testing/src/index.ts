export type { ContractSource } from "./contract-source.js";
export type { CostReport, MethodCost } from "./costs/cost-report.js";
export type {
  CostChange,
  CostEntry,
  CostSnapshotResult,
  SnapshotCostsOptions,
} from "./costs/snapshot-costs.js";
export { snapshotCosts } from "./costs/snapshot-costs.js";
export { GrantHandle } from "./grant-handle.js";
export type { Invariant } from "./invariants.js";
export { BUILT_IN_INVARIANTS, conservation, poolBacking, singleOwnership } from "./invariants.js";
export type { ManualClock } from "./manual-clock.js";
export { createManualClock, DEFAULT_START_TIME } from "./manual-clock.js";
export type { HandleDeployOptions, InvokeOptions, Target } from "./principal-handle.js";
export { PrincipalHandle } from "./principal-handle.js";
export type { PropertyReport, PropertyRunOptions } from "./property/property-run.js";
export { assertProperty, propertyRun } from "./property/property-run.js";
export type { ActionSpec, Step } from "./property/steps.js";
export { action } from "./property/steps.js";
export type { Deployed, DeployOptions, TestEventFilter, TestKernelOptions } from "./test-kernel.js";
export { createTestKernel, TestKernel } from "./test-kernel.js";
export type { TestSnapshot } from "./test-snapshot.js";
export type { TestingErrorCode } from "./testing-error.js";
export { TestingError } from "./testing-error.js";
