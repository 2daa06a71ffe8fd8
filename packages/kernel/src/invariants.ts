import { KernelError } from "./kernel-error.js";
import { assertConservation } from "./ledger.js";
import { ESCROW_ID, type World } from "./world.js";

/**
 * Checks the economy's invariants: conservation, and custody matching listings (the escrow
 * owns exactly the actively listed artifacts). Ownership itself is a single column, so every
 * artifact always has exactly one owner.
 *
 * @throws {KernelError} `invariant_broken` naming the first violation.
 */
export function checkInvariants(world: World): void {
  assertConservation(world);
  const active = new Set(
    world.storage
      .queryListings({ status: "active", seller: null, limit: 1_000_000, offset: 0 })
      .map((l) => l.artifactId),
  );
  for (const row of world.storage.queryArtifacts({
    nameContains: null,
    owner: ESCROW_ID,
    kind: null,
    limit: 1_000_000,
    offset: 0,
  })) {
    if (row.kind === "genesis") continue;
    if (!active.has(row.id))
      throw new KernelError(
        "invariant_broken",
        `${row.id} is owned by the escrow without an active listing`,
      );
    active.delete(row.id);
  }
  if (active.size > 0)
    throw new KernelError(
      "invariant_broken",
      `listed artifacts not in escrow custody: ${[...active].join(", ")}`,
    );
}
