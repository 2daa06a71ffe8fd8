/** Codes of {@link CreateContractError}: bugs and broken packaging, never user mistakes. */
export type CreateContractErrorCode =
  | "unknown_template"
  | "templates_missing"
  | "template_invalid"
  | "source_invalid";

/**
 * The package's one error class, thrown for bugs and broken installs (e.g. a package published
 * without its templates). User mistakes (a non-empty directory, a bad flag) are result values.
 *
 * @example
 * ```ts
 * try { readTemplate(dir, "pool"); } catch (e) { if (e instanceof CreateContractError) e.code; }
 * ```
 */
export class CreateContractError extends Error {
  override readonly name = "CreateContractError";

  constructor(
    readonly code: CreateContractErrorCode,
    message: string,
  ) {
    super(message);
  }
}
