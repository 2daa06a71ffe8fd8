// Running scenarios (what `ecology simulate` calls)

// Wire types a scenario reads, re-exported so scenario projects need no other import
export type {
  EscrowListing,
  EventFilter,
  JsonValue,
  KernelEvent,
  Policy,
} from "@ecology/protocol";
export { renderHtml } from "./html/render-html.js";
// Built-in invariants
export type { ProportionalPayoutsOptions } from "./invariants/proportional-payouts.js";
export { proportionalPayouts } from "./invariants/proportional-payouts.js";
export { counterexampleJournal } from "./journal-export.js";
// Counterexamples and replay
export type { Operation, OperationKind } from "./operations.js";
export { START_TIME } from "./operations.js";
export type {
  Action,
  ActResult,
  AgentView,
  CancelAction,
  DeployAction,
  DepositAction,
  IdleAction,
  InvokeAction,
  Move,
  Persona,
  Playbook,
  PurchaseAction,
  ReadAction,
  TransferAction,
  WriteAction,
} from "./persona.js";
// Built-in personas
export { colludingPair } from "./personas/colluding-pair.js";
export { freeRider } from "./personas/free-rider.js";
export { griefer } from "./personas/griefer.js";
export { honest } from "./personas/honest.js";
export { sybil } from "./personas/sybil.js";
export type { Replayed } from "./replay.js";
export { replayOperations, worldViewOf } from "./replay.js";
export type {
  AgentOutcome,
  Comparison,
  Exploitation,
  ExploitStats,
  MetricReport,
  PersonaProfit,
  PopulationSummary,
  SimulationReport,
  Violation,
} from "./report.js";
export { REPORT_FORMAT, reportJson } from "./report.js";
export type { Rng } from "./rng.js";
export { createRng } from "./rng.js";
export type { RunScenarioOptions, SimulateOptions } from "./run-scenario.js";
export { loadScenario, runScenario, runScenarioFile } from "./run-scenario.js";
// Writing scenarios and personas
export type {
  ContractSpec,
  Invariant,
  InvariantResult,
  Metric,
  PopulationEntry,
  Scenario,
} from "./scenario.js";
export { defineScenario } from "./scenario.js";
export type { Counterexample, ShrinkOptions } from "./shrink.js";
export { ddmin } from "./shrink.js";
export type { SimulateErrorCode } from "./simulate-error.js";
export { SimulateError } from "./simulate-error.js";
// Helpers and errors
export { gini } from "./stats.js";
export type { AgentInfo, ArtifactInfo, WorldView } from "./world-view.js";
