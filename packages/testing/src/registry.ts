import type { TestKernel } from "./test-kernel.js";

/** Open test kernels of this process, so matchers can find the one a call ran on. */
export const liveKernels = new Set<TestKernel>();
