import type { TestKernel } from "./test-kernel.js";

// Weak references: a test that forgets `close()` must not pin its kernel (and its sandbox
// memory) for the rest of the worker's life just because matchers might look for it.
const open = new Set<WeakRef<TestKernel>>();

/** Remembers an open test kernel so matchers can find the one a call ran on. */
export function registerKernel(k: TestKernel): void {
  open.add(new WeakRef(k));
}

/** Forgets a kernel (on close). */
export function unregisterKernel(k: TestKernel): void {
  for (const ref of open) if (ref.deref() === k || ref.deref() === undefined) open.delete(ref);
}

/** The open test kernels of this process, oldest first. */
export function openKernels(): TestKernel[] {
  const out: TestKernel[] = [];
  for (const ref of open) {
    const k = ref.deref();
    if (k) out.push(k);
    else open.delete(ref);
  }
  return out;
}
