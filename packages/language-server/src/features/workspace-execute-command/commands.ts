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
