import type { Kernel } from "./kernel.js";
import { KernelError } from "./kernel-error.js";
import type { World } from "./world.js";

/** Each kernel's world, registered by its constructor. */
const worlds = new WeakMap<Kernel, World>();

/** Records `kernel`'s world; only the Kernel constructor calls it. */
export function registerWorld(kernel: Kernel, world: World): void {
  worlds.set(kernel, world);
}

/**
 * The world of a kernel: its storage, caches and ports. Internal — not exported from the
 * package; replay and the package's tests use it to look inside.
 *
 * @throws {KernelError} `bug` for an object that is not a kernel of this module.
 */
export function worldOf(kernel: Kernel): World {
  const world = worlds.get(kernel);
  if (world === undefined) throw new KernelError("bug", "not a kernel");
  return world;
}
