#!/usr/bin/env node
import { startServer } from "./main.js";

// `createConnection` picks the transport from the command line (`--stdio`, `--node-ipc`,
// `--socket=<port>`), the way every LSP client starts a server.
startServer();
