import {
  createClient,
  type EcologyClient,
  type Envelope,
  RPC_METHODS,
  type RpcMethod,
  type RpcParams,
} from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

/** A marker that must never reach the viewer: the content and state of a protected artifact. */
const SECRET = "s3cret-recipe-7f3a";

/** A contract that keeps the secret in its state and emits only its length. */
const VAULT = {
  ...COUNTER,
  js: `module.exports = { default: { methods: { inc: function (ctx, by) { ctx.state.secret = "${SECRET}"; ctx.emit("stored", { length: 18 }); return 1; } } } };`,
};

let h: Harness;
let viewer: EcologyClient;
let viewerToken: string;

beforeAll(async () => {
  h = await startHarness();
  viewerToken = h.server.credentials.viewerToken();
  viewer = createClient({ url: h.server.url, token: viewerToken, validateResults: true });
  const alice = createClient({ url: h.server.url, token: h.alice });
  const only = { allowRead: ["alice"] };
  await alice.call("write", { id: "recipe", content: { text: SECRET }, policy: only });
  await alice.call("deploy", { id: "vault", code: VAULT, policy: only });
  await alice.call("invoke", { target: "vault", method: "inc", args: [] });
  // Alice may read her own protected artifact: the read's event must not carry the content.
  expect((await alice.call("read", { id: "recipe" })).success).toBe(true);
});
afterAll(() => h.close());

/**
 * Params every method accepts, so a refusal can only come from the viewer check (not from
 * validation). The mapped type makes a method added to the table without a row here a compile
 * error.
 */
const PARAMS: { [M in RpcMethod]: RpcParams<M> } = {
  invoke: { target: "vault", method: "inc", args: [] },
  deploy: { id: "viewer_contract", code: COUNTER },
  write: { id: "viewer_doc", content: 1 },
  read: { id: "recipe" },
  delete: { id: "recipe" },
  setPolicy: { id: "recipe", policy: { allowRead: "*" } },
  transferOwnership: { id: "recipe", to: "bob" },
  balance: { id: "alice" },
  balances: {},
  totalMinted: {},
  artifacts: {},
  query: { kind: "listings" },
  events: { limit: 1000 },
  verifyLog: {},
  whoami: {},
  trace: { last: true },
  manifest: { id: "vault" },
  upgrade: { id: "vault", code: COUNTER },
  journal: {},
  grantCreate: { spend: 5 },
  grantList: {},
  grantRevoke: { id: "nothing" },
  createPrincipal: { id: "mallory", scrip: 1000 },
  mint: { id: "bob", amount: 1000 },
  getArtifact: { id: "recipe" },
};

/** What the viewer may call: read-only methods that reveal metadata, and nothing else. */
const OPEN_TO_VIEWER = new Set<RpcMethod>([
  "balance",
  "balances",
  "totalMinted",
  "artifacts",
  "query",
  "events",
  "verifyLog",
  "whoami",
  "trace",
  "manifest",
]);

describe("the viewer token", () => {
  it("is stored 0600 as viewer.token with its own prefix and authenticates as the viewer", () => {
    expect(viewerToken).toMatch(/^ecology_view_[A-Za-z0-9_-]{43}$/);
    expect(h.server.credentials.authenticate(viewerToken)).toEqual({ kind: "viewer" });
    expect(h.server.credentials.authenticate(`${viewerToken}x`)).toBeUndefined();
    expect(h.server.credentials.authenticate("ecology_view_")).toBeUndefined();
  });

  it("is open, in the table, exactly to the read-only metadata methods", () => {
    const open = Object.entries(RPC_METHODS).filter(([, spec]) => spec.viewer);
    expect(new Set(open.map(([name]) => name))).toEqual(OPEN_TO_VIEWER);
    for (const [name, spec] of open) {
      expect(spec.mutates, name).toBe(false);
      expect(spec.role, name).toBe("any");
    }
  });

  for (const method of Object.keys(PARAMS) as RpcMethod[]) {
    const open = OPEN_TO_VIEWER.has(method);
    it(`${open ? "may call" : "is refused"} ${method}`, async () => {
      const before = await h.snapshot();
      const envelope: Envelope<unknown> = await viewer.call(method, PARAMS[method] as never);
      if (open) {
        expect(envelope.success ? "ok" : envelope.error.message, method).toBe("ok");
        expect(JSON.stringify(envelope)).not.toContain(SECRET);
      } else {
        expect(envelope.success ? "ran" : envelope.error.code, method).toBe("not_authorized");
        if (!envelope.success) expect(envelope.error.message).toContain("viewer token");
        // Nothing half-applied: the economy is exactly as it was.
        expect(await h.snapshot()).toEqual(before);
      }
    });
  }

  it("sees every transaction's trace, with what allowRead protects redacted", async () => {
    let traced = 0;
    for (let n = 1; ; n++) {
      const env = await viewer.call("trace", { tx: `tx${n}` });
      if (!env.success) {
        expect(env.error.code).toBe("not_found");
        break;
      }
      traced++;
      expect(JSON.stringify(env.result)).not.toContain(SECRET);
    }
    expect(traced).toBeGreaterThan(4);
    // The operator sees the same transactions unredacted: the secret is in there.
    const operator = createClient({ url: h.server.url, token: h.operator });
    const full = await Promise.all(
      Array.from({ length: traced }, (_, i) => operator.call("trace", { tx: `tx${i + 1}` })),
    );
    expect(JSON.stringify(full)).toContain(SECRET);
  });

  it("never sees protected content or state in events, pages or the stream", async () => {
    const page = await viewer.call("events", { limit: 1000 });
    expect(page.success && page.result.events.length).toBeGreaterThan(5);
    const types = page.success ? page.result.events.map((e) => e.type) : [];
    expect(types).toEqual(expect.arrayContaining(["artifact.read", "contract.stored"]));
    expect(JSON.stringify(page)).not.toContain(SECRET);
    const streamed: string[] = [];
    const stop = new AbortController();
    for await (const event of viewer.follow({ after: 0 }, { signal: stop.signal })) {
      streamed.push(JSON.stringify(event));
      if (event.seq === (page.success ? page.result.events.at(-1)?.seq : -1)) stop.abort();
    }
    expect(streamed.length).toBeGreaterThan(5);
    expect(streamed.join("\n")).not.toContain(SECRET);
    const manifest = await viewer.call("manifest", { id: "vault" });
    expect(manifest.success && manifest.result.methods.map((m) => m.name)).toEqual(["inc"]);
    expect(JSON.stringify(manifest)).not.toContain(SECRET);
  });

  it("answers balance without an id with invalid_argument (a viewer has no wallet)", async () => {
    const envelope = await viewer.call("balance", {});
    expect(envelope.success ? "" : envelope.error.code).toBe("invalid_argument");
  });
});
