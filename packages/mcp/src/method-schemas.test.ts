import { genesisManifests, type Schema, validate } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { argsSchema, methodSchemas } from "./method-schemas.js";

describe("argsSchema", () => {
  it("describes positional args: one item per parameter, the optional tail may be left out", () => {
    const schema = argsSchema([
      { name: "artifactId", type: "string", schema: { type: "string" } },
      { name: "price", type: "number", schema: { type: "integer" } },
      {
        name: "buyer",
        type: "string | null",
        schema: { type: ["string", "null"] },
        optional: true,
      },
    ]);
    expect(schema).toMatchObject({ type: "array", minItems: 2, maxItems: 3 });
    expect(schema.prefixItems).toEqual([
      { type: "string", description: "artifactId: string" },
      { type: "integer", description: "price: number" },
      { type: ["string", "null"], description: "buyer: string | null" },
    ]);
  });
});

describe("methodSchemas", () => {
  it("lists genesis_escrow's methods with their kinds, descriptions and args schemas", () => {
    const escrow = methodSchemas(genesisManifests().genesis_escrow as never);
    const purchase = escrow.find((m) => m.name === "purchase");
    expect(purchase).toMatchObject({
      kind: "method",
      returns: "EscrowListing",
      args: { type: "array", minItems: 1, maxItems: 1 },
    });
    expect(purchase?.description).toContain("atomically");
    expect(escrow.find((m) => m.name === "check")?.kind).toBe("view");
  });

  it("gives schemas the protocol's validator accepts and checks args with", () => {
    const [transfer] = methodSchemas(genesisManifests().genesis_ledger as never).filter(
      (m) => m.name === "transfer",
    );
    const args = transfer?.args as Schema;
    expect(validate(args, ["bob", 5]).ok).toBe(true);
    expect(validate(args, ["bob"]).ok).toBe(false);
    expect(validate(args, ["bob", 5, "extra"]).ok).toBe(false);
  });
});
