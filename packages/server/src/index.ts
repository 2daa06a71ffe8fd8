export type { AppOptions } from "./app.js";
export { createApp, DEFAULT_MAX_BODY_BYTES } from "./app.js";
export type { CredentialStore, Identity } from "./credentials.js";
export { createCredentialStore, isPrincipalId } from "./credentials.js";
export type { Dispatcher, DispatcherOptions } from "./dispatcher.js";
export { createDispatcher } from "./dispatcher.js";
export type { EventHub } from "./event-hub.js";
export { createEventHub } from "./event-hub.js";
export type { RpcId, RpcRequest } from "./jsonrpc.js";
export { parseRpcRequest, rpcResponse } from "./jsonrpc.js";
export type { DeployRequest, KernelApi, WriteOptions } from "./kernel-api.js";
export type { RpcClient, RpcClientOptions } from "./rpc-client.js";
export { createRpcClient } from "./rpc-client.js";
export type { RpcError, RpcFailure, RpcOutcome } from "./rpc-error.js";
export { httpStatusOf, RPC_ERRORS, rpcFailure } from "./rpc-error.js";
export type { Role, RpcMethod, RpcParams } from "./rpc-methods.js";
export { isRpcMethod, RPC_METHODS } from "./rpc-methods.js";
export type { SerialQueue } from "./serial-queue.js";
export { createSerialQueue } from "./serial-queue.js";
export type { EcologyServer, ServerOptions } from "./server.js";
export { createServer, DEFAULT_PORT } from "./server.js";
export type { ServerErrorCode } from "./server-error.js";
export { ServerError } from "./server-error.js";
export type { SlotRefusal, StreamSlot, StreamSlots, StreamSlotsOptions } from "./stream-slots.js";
export {
  createStreamSlots,
  DEFAULT_MAX_STREAMS,
  DEFAULT_MAX_STREAMS_PER_TOKEN,
} from "./stream-slots.js";
