// What the dispatcher (dispatcher.js) finds in the sandbox: ES2023 in QuickJS, no Node, no DOM,
// inside the runtime's shell scope `function (module, exports) { "use strict"; … }` (evaluated
// once per sandbox, ProgramSource.shell), and the host functions the kernel hands each run
// (host-api.ts). Checked by this folder's tsconfig only.

/** The shell's own module object: its `exports` becomes the linker of every run. */
declare let module: { exports: unknown };

/** What the linker makes for one run: the fresh contract instance's exports and the entry. */
interface RunLink {
  /** The contract's exports: anything, even a primitive. */
  exported: unknown;
  __ecology_dispatch: (this: RunLink, input: DispatchInput, host: Host) => unknown;
}

/** A kernel failure as it crosses into the sandbox: an envelope error. */
interface KernelFailure {
  code: string;
  message: string;
  details?: { [key: string]: unknown };
  path?: { artifact: string; method: string }[];
  at?: { file: string; line: number; column: number };
}

/** The envelope of a nested call. */
type CallEnvelope = { success: true; result: unknown } | { success: false; error: KernelFailure };

/** A host operation's answer: its value, or the refusal the dispatcher rethrows. */
type HostResult = { ok: true; value: unknown } | { ok: false; error: KernelFailure };

/** What the kernel hears about the error escaping a contract (`host.fail`). */
type FailureNote =
  | { kind: "fail"; code: string; message: string; details: null }
  | { kind: "call"; error: KernelFailure }
  | { kind: "refusal"; error: KernelFailure }
  | { kind: "other" };

/** The host functions of one frame; every operation acts as the frame's artifact. */
interface Host {
  balance(id: unknown): HostResult;
  transfer(to: unknown, amount: unknown): HostResult;
  read(id: unknown): HostResult;
  write(id: unknown, content: unknown, policy: unknown): HostResult;
  transferOwnership(id: unknown, to: unknown): HostResult;
  query(kind: unknown, filters: unknown): HostResult;
  events(filters: unknown): HostResult;
  emit(name: unknown, data: unknown): HostResult;
  invoke(
    target: unknown,
    method: unknown,
    args: unknown[],
    value: unknown,
    maxPrice: unknown,
  ): CallEnvelope;
  invokeShared(
    target: unknown,
    method: unknown,
    args: unknown[],
    value: unknown,
    maxPrice: unknown,
    state: unknown,
  ): { changed: boolean; state?: unknown; envelope: CallEnvelope };
  fail(note: FailureNote): null;
}

/** The context fields the kernel sends with each run. */
interface RunContext {
  self: string;
  owner: string;
  caller: string;
  origin: string;
  value: number;
  now: number;
}

/** What the kernel asks the dispatcher to run. */
interface DispatchInput {
  entry: "init" | "migrate" | "method" | "view";
  method: string;
  args: unknown[];
  ctx: RunContext;
  state: unknown;
  share: boolean;
}
