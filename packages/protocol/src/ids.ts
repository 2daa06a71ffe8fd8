/**
 * Well-formed principal and artifact ids (DESIGN.md §2): 1–128 characters of `[A-Za-z0-9_.:-]`,
 * not made only of dots (`.` and `..` would name directories where ids become file names, such
 * as token files). The one definition every package validates ids with.
 *
 * @example
 * ```ts
 * ID_PATTERN.test("alice"); // true
 * ID_PATTERN.test("..");    // false
 * ```
 */
export const ID_PATTERN: RegExp = /^(?!\.+$)[A-Za-z0-9_.:-]{1,128}$/;

/** {@link ID_PATTERN} in words, for error messages. */
export const ID_RULE = "1-128 characters of [A-Za-z0-9_.:-], not only dots";

/** Contract method names: an identifier of at most 64 characters. */
export const METHOD_PATTERN: RegExp = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

/** Ids with this prefix are reserved for the kernel's genesis artifacts. */
export const RESERVED_PREFIX = "genesis_";

/** The reserved actor of operator actions (principal creation, minting); never a principal. */
export const OPERATOR_ID = "operator";

/**
 * Whether `id` is a well-formed principal or artifact id ({@link ID_PATTERN}). Never throws.
 *
 * @example
 * ```ts
 * isValidId("alice"); // true
 * isValidId("a b");   // false
 * ```
 */
export function isValidId(id: unknown): id is string {
  return typeof id === "string" && ID_PATTERN.test(id);
}

/** Whether `id` is reserved for the kernel (`genesis_…`). */
export function isReservedId(id: string): boolean {
  return id.startsWith(RESERVED_PREFIX);
}

/** Whether `name` can be a contract method name ({@link METHOD_PATTERN}). */
export function isValidMethodName(name: unknown): name is string {
  return typeof name === "string" && METHOD_PATTERN.test(name);
}

/** Whether `n` is an amount of scrip: a non-negative safe integer. */
export function isAmount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}
