import { genesisManifests } from "@ecology/kernel";
import { describe, expect, it } from "vitest";
import { genesisArtifacts } from "./genesis-catalog.js";

describe("genesisArtifacts", () => {
  it("lists the same methods, kinds, parameters and optionality as the kernel's manifests", () => {
    const kernel = genesisManifests();
    const ours = genesisArtifacts();
    expect(ours.map((a) => a.id).sort()).toEqual(Object.keys(kernel).sort());
    for (const artifact of ours) {
      const shape = (
        methods: { name: string; kind: string; params: { name: string; optional?: boolean }[] }[],
      ) =>
        methods
          .map((m) => ({
            name: m.name,
            kind: m.kind,
            params: m.params.map((p) => [p.name, p.optional === true]),
          }))
          .sort((a, b) => a.name.localeCompare(b.name));
      expect(shape(artifact.methods)).toEqual(shape(kernel[artifact.id]?.methods ?? []));
    }
  });

  it("returns a fresh copy each time", () => {
    const first = genesisArtifacts();
    first[0]?.methods.pop();
    expect(genesisArtifacts()[0]?.methods.length).toBe(4);
  });
});
