import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createServer, type EcologyServer } from "./server.js";
import { createSharedCredentialStore } from "./shared-credentials.js";

// A server over shared credentials asks the kernel whether a stream's token is still good at
// every step of the stream. Its owner closes the kernel as soon as `server.close()` resolves
// (`ecology dev`, the shared-economy tests), so no stream may take another step after that.

/** How long a stray step would take to show after the kernel closed (it is a few ticks). */
const STRAY_STEP_MS = 200;

interface Opened {
  kernel: Kernel;
  server: EcologyServer;
}

async function open(): Promise<Opened> {
  const folder = mkdtempSync(join(tmpdir(), "eco-events-close-"));
  const kernel = await createKernel({ storage: join(folder, "kernel.db") });
  const dir = join(folder, ".ecology");
  const credentials = createSharedCredentialStore(dir, kernel.credentials);
  const server = await createServer({ kernel, dir, port: 0, credentials });
  return { kernel, server };
}

/** Opens `GET /events` and resolves once the server wrote its first line, with the reader. */
async function openStream(server: EcologyServer): Promise<ReadableStreamDefaultReader> {
  const response = await fetch(`${server.url}/events`, {
    headers: { authorization: `Bearer ${server.credentials.viewerToken()}` },
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain(": connected");
  return reader;
}

/** Reads until the stream ends; true if it ended (an error from a dropped socket is an end). */
async function ended(reader: ReadableStreamDefaultReader): Promise<boolean> {
  try {
    for (;;) if ((await reader.read()).done) return true;
  } catch {
    return true;
  }
}

describe("closing a server with open event streams, then its kernel", () => {
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  beforeEach(() => {
    failures.length = 0;
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => failures.push(args));
    process.on("unhandledRejection", onRejection);
  });
  afterEach(() => {
    process.off("unhandledRejection", onRejection);
    vi.restoreAllMocks();
  });

  it("ends the streams quietly: close waits for them, nothing logs or rejects afterwards", async () => {
    const { kernel, server } = await open();
    const readers = [await openStream(server), await openStream(server)];
    expect(server.streams.open).toBe(2);
    await server.close();
    expect(server.streams.open).toBe(0);
    await kernel.close();
    await new Promise((resolve) => setTimeout(resolve, STRAY_STEP_MS));
    expect(failures).toEqual([]);
    for (const reader of readers) expect(await ended(reader)).toBe(true);
  });

  it("ends a stream quietly when the client leaves just before the server closes", async () => {
    const { kernel, server } = await open();
    const reader = await openStream(server);
    await reader.cancel();
    await server.close();
    expect(server.streams.open).toBe(0);
    await kernel.close();
    await new Promise((resolve) => setTimeout(resolve, STRAY_STEP_MS));
    expect(failures).toEqual([]);
  });
});
