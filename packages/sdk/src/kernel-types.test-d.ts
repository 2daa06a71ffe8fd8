import type * as Kernel from "@ecology/kernel";
import { describe, expectTypeOf, it } from "vitest";
import type * as Sdk from "./index.js";

// A contract project depends on @ecology/sdk only: every kernel type an author meets in ctx
// signatures, envelopes, events and policies must come from the SDK, identical to the kernel's.
describe("kernel wire types re-exported by @ecology/sdk", () => {
  it("are the kernel's own types", () => {
    expectTypeOf<Sdk.Envelope<number>>().toEqualTypeOf<Kernel.Envelope<number>>();
    expectTypeOf<Sdk.SuccessEnvelope<string>>().toEqualTypeOf<Kernel.SuccessEnvelope<string>>();
    expectTypeOf<Sdk.FailureEnvelope>().toEqualTypeOf<Kernel.FailureEnvelope>();
    expectTypeOf<Sdk.EnvelopeError>().toEqualTypeOf<Kernel.EnvelopeError>();
    expectTypeOf<Sdk.ErrorCode>().toEqualTypeOf<Kernel.ErrorCode>();
    expectTypeOf<Sdk.EventFilter>().toEqualTypeOf<Kernel.EventFilter>();
    expectTypeOf<Sdk.EventPage>().toEqualTypeOf<Kernel.EventPage>();
    expectTypeOf<Sdk.EventType>().toEqualTypeOf<Kernel.EventType>();
    expectTypeOf<Sdk.Event>().toEqualTypeOf<Kernel.KernelEvent>();
    expectTypeOf<Sdk.KernelEvent>().toEqualTypeOf<Kernel.KernelEvent>();
    expectTypeOf<Sdk.Policy>().toEqualTypeOf<Kernel.Policy>();
    expectTypeOf<Sdk.AllowList>().toEqualTypeOf<Kernel.AllowList>();
    expectTypeOf<Sdk.Artifact>().toEqualTypeOf<Kernel.Artifact>();
    expectTypeOf<Sdk.ArtifactKind>().toEqualTypeOf<Kernel.ArtifactKind>();
    expectTypeOf<Sdk.ContractCode>().toEqualTypeOf<Kernel.ContractCode>();
    expectTypeOf<Sdk.Cost>().toEqualTypeOf<Kernel.Cost>();
    expectTypeOf<Sdk.Manifest>().toEqualTypeOf<Kernel.Manifest>();
    expectTypeOf<Sdk.ManifestMethod>().toEqualTypeOf<Kernel.ManifestMethod>();
    expectTypeOf<Sdk.ManifestParam>().toEqualTypeOf<Kernel.ManifestParam>();
    expectTypeOf<Sdk.PathFrame>().toEqualTypeOf<Kernel.PathFrame>();
    expectTypeOf<Sdk.SourcePosition>().toEqualTypeOf<Kernel.SourcePosition>();
    expectTypeOf<Sdk.JsonValue>().toEqualTypeOf<Kernel.JsonValue>();
  });

  it("type what ctx hands a contract", () => {
    const ctx = {} as Sdk.Ctx<null>;
    expectTypeOf(ctx.events({ types: ["contract.deal.completed"] }).events).toEqualTypeOf<
      Sdk.Event[]
    >();
    expectTypeOf(ctx.write).parameter(2).toEqualTypeOf<Partial<Sdk.Policy> | undefined>();
    expectTypeOf(ctx.invoke("x", "m")).toEqualTypeOf<Sdk.Envelope<Sdk.JsonValue>>();
  });
});
