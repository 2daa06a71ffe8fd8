// Wire types, the RPC table, JSON-RPC errors and the client live in @ecology/protocol; this
// package is the server: routes, dispatch, credentials and event streams.

export type { AppOptions, McpRoute } from "./app.js";
export { createApp, DEFAULT_MAX_BODY_BYTES } from "./app.js";
export type {
  BatchRunner,
  CommitQueue,
  GroupCommitOptions,
  GroupStats,
} from "./commit-queue.js";
export { createCommitQueue, DEFAULT_MAX_BATCH, DEFAULT_MAX_BATCH_MS } from "./commit-queue.js";
export type { CredentialStore } from "./credentials.js";
export { createCredentialStore } from "./credentials.js";
export type { Dispatcher, DispatcherOptions } from "./dispatcher.js";
export { createDispatcher } from "./dispatcher.js";
export type { EventHub } from "./event-hub.js";
export { createEventHub } from "./event-hub.js";
export type { RpcRequest } from "./jsonrpc.js";
export { parseRpcRequest, rpcResponse } from "./jsonrpc.js";
export type { KernelApi, WriteOptions } from "./kernel-api.js";
export type { RequestsInFlight } from "./requests-in-flight.js";
export type { Handler, HandlerContext } from "./rpc-handlers.js";
export type { SerialQueue } from "./serial-queue.js";
export { createSerialQueue } from "./serial-queue.js";
export type { EcologyServer, ServerOptions } from "./server.js";
export { createServer, DEFAULT_PORT } from "./server.js";
export type { ServerErrorCode } from "./server-error.js";
export { ServerError } from "./server-error.js";
export type { CredentialRecords } from "./shared-credentials.js";
export { createSharedCredentialStore, tokenDigest } from "./shared-credentials.js";
export type { SlotRefusal, StreamSlot, StreamSlots, StreamSlotsOptions } from "./stream-slots.js";
export {
  createStreamSlots,
  DEFAULT_MAX_STREAMS,
  DEFAULT_MAX_STREAMS_PER_TOKEN,
} from "./stream-slots.js";
