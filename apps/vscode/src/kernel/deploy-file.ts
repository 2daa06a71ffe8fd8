import { execFile } from "node:child_process";
import type { CliCommand } from "./cli-command.js";
import type { Envelope } from "./kernel-types.js";

/** What to deploy: a contract file, its artifact id, and the kernel and principal to use. */
export interface DeployRequest {
  file: string;
  id: string;
  url: string;
  principal: string;
  workspace: string;
}

/**
 * Compiles and deploys a contract file by running `ecology --kernel <url> deploy <file> --as
 * <principal> --id <id> --json` (the CLI owns the compiler, so the extension does not bundle
 * TypeScript twice). Resolves with the envelope the CLI printed; a CLI that printed none gives a
 * failure envelope with its stderr.
 *
 * @example
 * ```ts
 * const envelope = await deployFile(cli, { file, id: "pool", url, principal: "dev", workspace });
 * ```
 */
export function deployFile(cli: CliCommand, request: DeployRequest): Promise<Envelope> {
  const args = [
    ...cli.args,
    "--kernel",
    request.url,
    "--json",
    "deploy",
    request.file,
    "--as",
    request.principal,
    "--id",
    request.id,
  ];
  return new Promise((resolve) => {
    execFile(
      cli.command,
      args,
      { cwd: request.workspace, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const printed = parseEnvelope(stdout);
        if (printed) return resolve(printed);
        const message = stderr.trim() || error?.message || "ecology deploy printed nothing";
        resolve({ success: false, error: { code: "internal", message } });
      },
    );
  });
}

function parseEnvelope(stdout: string): Envelope | undefined {
  try {
    const value = JSON.parse(stdout) as unknown;
    return typeof value === "object" && value !== null && "success" in value
      ? (value as Envelope)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The artifact id a contract file deploys as by default: its file name without extension. */
export function defaultArtifactId(file: string, taken: ReadonlySet<string>): string {
  const base = (file.split(/[\\/]/).pop() ?? "contract")
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9_.:-]/g, "-");
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
