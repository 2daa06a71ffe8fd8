import { RPC_ERRORS, type RpcFailure, rpcFailure } from "./rpc-error.js";

/**
 * Deepest nesting of arrays and objects the server accepts in a request. The kernel refuses
 * values deeper than 64 levels with its own `invalid_argument` envelope; the request adds a few
 * levels around a value (`params.args[…]`, `params.code.manifest…`), and the margin up to 128
 * keeps the kernel's message for anything it would explain itself. Beyond that, recursive
 * validators (zod's `z.json()`, the kernel's checks) would overflow the stack (issue 13).
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether the value `value` nests arrays/objects deeper than `max`, walked with an explicit
 * stack (a recursive walk is what overflows). An object reached again (shared or cyclic) is
 * walked again only when reached at a greater depth, so the walk ends after at most `max`
 * visits per object.
 *
 * @example
 * ```ts
 * valueNestsDeeperThan({ a: [1] }, 2); // false
 * valueNestsDeeperThan({ a: [[1]] }, 2); // true
 * ```
 */
export function valueNestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const deepestVisit = new Map<object, number>();
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.value === null || typeof top.value !== "object") continue;
    const depth = top.depth + 1;
    if (depth > max) return true;
    if ((deepestVisit.get(top.value) ?? 0) >= depth) continue;
    deepestVisit.set(top.value, depth);
    for (const child of Object.values(top.value)) stack.push({ value: child, depth });
  }
  return false;
}

/**
 * The answer to params of `method` nested deeper than {@link MAX_JSON_DEPTH}, or undefined when
 * they are not: the dispatcher and the HTTP client answer it alike, so a deep value gets the
 * same error embedded and served (the client never sends it; `JSON.stringify` would overflow).
 *
 * @example
 * ```ts
 * const refused = refuseDeepParams("write", params);
 * if (refused) return refused;
 * ```
 */
export function refuseDeepParams(method: string, params: unknown): RpcFailure | undefined {
  if (!valueNestsDeeperThan(params, MAX_JSON_DEPTH)) return undefined;
  return rpcFailure(
    RPC_ERRORS.invalidParams,
    "invalid_argument",
    `invalid params for ${method.slice(0, 64)}: nested deeper than ${MAX_JSON_DEPTH} levels`,
  );
}
