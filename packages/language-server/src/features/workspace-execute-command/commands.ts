/**
 * The commands the server executes (`workspace/executeCommand`).
 *
 * @example
 * ```ts
 * { command: COMMANDS.run, arguments: [{ artifact: "pool", method: "join", args: [] }] }
 * ```
 */
export const COMMANDS = {
  run: "ecology.run",
  deploy: "ecology.deploy",
  refreshKernel: "ecology.refreshKernel",
} as const;

/**
 * An envelope-shaped failure, as the kernel itself would answer.
 *
 * @example
 * ```ts
 * return failure("not_found", "no kernel connected");
 * ```
 */
export function failure(code: string, message: string) {
  return { success: false as const, error: { code, message } };
}
