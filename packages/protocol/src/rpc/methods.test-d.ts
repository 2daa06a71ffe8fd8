import { describe, expectTypeOf, it } from "vitest";
import type {
  Artifact,
  ArtifactSummary,
  EscrowListing,
  Policy,
  PrincipalSummary,
} from "../artifacts.js";
import type { EventFilter, EventPage, KernelEvent, VerifyResult } from "../events.js";
import type { Grant } from "../grants.js";
import type { JsonValue } from "../json.js";
import type { ContractCode } from "../manifest.js";
import type { Infer } from "../schema/schema.js";
import type { EcologyClient } from "./client.js";
import type { Identity, RpcParams, RpcResult } from "./methods.js";
import type { SCHEMAS } from "./schemas.js";

describe("the RPC table's types", () => {
  it("schemas agree with the wire interfaces", () => {
    expectTypeOf<Infer<typeof SCHEMAS.POLICY>>().toEqualTypeOf<Policy>();
    expectTypeOf<Infer<typeof SCHEMAS.EVENT>>().toEqualTypeOf<KernelEvent>();
    expectTypeOf<Infer<typeof SCHEMAS.EVENT_FILTER>>().toEqualTypeOf<EventFilter>();
    expectTypeOf<Infer<typeof SCHEMAS.EVENT_PAGE>>().toEqualTypeOf<EventPage>();
    expectTypeOf<Infer<typeof SCHEMAS.ARTIFACT_SUMMARY>>().toEqualTypeOf<ArtifactSummary>();
    expectTypeOf<Infer<typeof SCHEMAS.LISTING>>().toEqualTypeOf<EscrowListing>();
    expectTypeOf<Infer<typeof SCHEMAS.PRINCIPAL_SUMMARY>>().toEqualTypeOf<PrincipalSummary>();
    expectTypeOf<Infer<typeof SCHEMAS.VERIFY_RESULT>>().toEqualTypeOf<VerifyResult>();
    expectTypeOf<Infer<typeof SCHEMAS.IDENTITY>>().toEqualTypeOf<Identity>();
    expectTypeOf<Infer<typeof SCHEMAS.ARTIFACT>>().toMatchTypeOf<Artifact>();
    expectTypeOf<Artifact>().toMatchTypeOf<Infer<typeof SCHEMAS.ARTIFACT>>();
    expectTypeOf<ContractCode>().toMatchTypeOf<Infer<typeof SCHEMAS.CODE>>();
    expectTypeOf<Infer<typeof SCHEMAS.GRANT>>().toEqualTypeOf<Grant>();
    expectTypeOf<Infer<typeof SCHEMAS.IDENTITY>>().toEqualTypeOf<Identity>();
  });

  it("types params and results per method", () => {
    expectTypeOf<RpcParams<"invoke">>().toEqualTypeOf<{
      target: string;
      method: string;
      args?: JsonValue[];
      value?: number;
      maxPrice?: number;
      confirmed?: boolean;
    }>();
    expectTypeOf<RpcResult<"balance">>().toEqualTypeOf<number>();
    expectTypeOf<RpcResult<"events">>().toEqualTypeOf<EventPage>();
    expectTypeOf<RpcResult<"deploy">>().toEqualTypeOf<{ id: string; codeHash: string }>();
  });

  it("makes the client's call typed by the table", () => {
    const typed = async (client: EcologyClient) => {
      const env = await client.call("balance", { id: "alice" });
      if (env.success) expectTypeOf(env.result).toEqualTypeOf<number>();
      // @ts-expect-error unknown params are refused by the type too
      await client.call("balance", { who: "alice" });
      // @ts-expect-error no such method
      await client.call("steal", {});
    };
    expectTypeOf(typed).toBeFunction();
  });
});
