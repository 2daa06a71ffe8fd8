// The stdio side of the benchmark: what `ecology mcp --as <p>` runs (the kernel file opened in
// this process, calls through the server's dispatcher), without the CLI around it.
import { createKernel } from "@ecology/kernel";
import { createClient, type RpcTransport } from "@ecology/protocol";
import { createCredentialStore, createDispatcher } from "@ecology/server";
import { serveStdio } from "../src/index.js";

const [dir, who] = process.argv.slice(2) as [string, string];
const kernel = await createKernel({ storage: `${dir}/kernel.db` });
const credentials = createCredentialStore(dir);
const dispatcher = createDispatcher({ kernel, credentials });
const transport: RpcTransport = {
  call: (method, params, token) => dispatcher.call(token, method, params),
  follow: () => {
    throw new Error("the benchmark follows no events");
  },
};
await serveStdio(createClient({ transport, token: credentials.tokenFor(who) }));
await dispatcher.queue.run(() => kernel.close());
