/** The commands the server executes (`workspace/executeCommand`). */
export const COMMANDS = {
  run: "ecology.run",
  deploy: "ecology.deploy",
  refreshKernel: "ecology.refreshKernel",
} as const;

/** An envelope-shaped failure, as the kernel itself would answer. */
export function failure(code: string, message: string) {
  return { success: false as const, error: { code, message } };
}
