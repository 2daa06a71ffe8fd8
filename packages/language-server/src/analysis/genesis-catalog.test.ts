import { GENESIS_IDS, genesisManifests } from "@ecology/protocol";
import { genesis } from "@ecology/sdk";
import { describe, expect, it } from "vitest";
import { GENESIS_REFS, genesisCatalog } from "./genesis-catalog.js";

describe("genesisCatalog", () => {
  it("has every genesis artifact with the methods of the manifests the kernel executes", () => {
    const manifests = genesisManifests();
    const catalog = genesisCatalog();
    expect(catalog.map((a) => a.id)).toEqual([...GENESIS_IDS]);
    for (const artifact of catalog) {
      expect(artifact.origin).toBe("genesis");
      expect(artifact.methods).toEqual(manifests[artifact.id]?.methods);
    }
  });

  it("describes each artifact and each of its methods in one line", () => {
    for (const artifact of genesisCatalog()) {
      expect(artifact.description, artifact.id).toMatch(/^[^\n]{10,}$/);
      for (const method of artifact.methods)
        expect(method.description, `${artifact.id}.${method.name}`).toMatch(/^[^\n]{10,}$/);
    }
  });

  it("returns a fresh copy each time", () => {
    const first = genesisCatalog();
    first[0]?.methods.pop();
    expect(genesisCatalog()[0]?.methods.length).toBe(first[0] ? first[0].methods.length + 1 : 0);
  });
});

describe("GENESIS_REFS", () => {
  it("resolves each `genesis.<name>` ref of the SDK to the id the SDK gives it", () => {
    expect(Object.fromEntries(GENESIS_REFS)).toEqual({ ...genesis });
  });
});
