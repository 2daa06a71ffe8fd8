/** What the command line asks the bin to do. */
export type CommandLine =
  | { readonly kind: "serve" }
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "usage-error"; readonly message: string };

/** The usage text `--help` prints (and usage errors repeat on stderr). */
export const USAGE = `Usage: ecology-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The Ecology language server for contracts; an LSP client (the VS Code extension, or any editor)
starts it with one transport.

Options:
  --stdio                 talk LSP over stdin/stdout
  --node-ipc              talk LSP over Node's IPC channel (the client forks the server)
  --socket=<port>         connect to a client listening on <port>
  --pipe=<name>           connect to a client listening on the named pipe <name>
  --clientProcessId=<pid> exit when that process ends (LSP clients add it)
  -h, --help              print this help and exit
  -v, --version           print the version and exit
`;

const TRANSPORTS = new Set(["--stdio", "--node-ipc"]);
/** Flags that take a value, as `--flag=value` or `--flag value` (vscode-languageserver reads both). */
const WITH_VALUE = new Set(["--socket", "--pipe", "--clientProcessId"]);

/**
 * Reads the bin's arguments (without `node` and the script). The transport flags are the ones
 * `createConnection` understands; anything else is refused here, because `createConnection`
 * would silently ignore it — or, with no transport, throw "Connection input stream is not set".
 *
 * @example
 * ```ts
 * parseCommandLine(["--stdio"]); // { kind: "serve" }
 * parseCommandLine(["--bogus"]); // { kind: "usage-error", message: "unknown argument --bogus" }
 * ```
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.some((a) => a === "--help" || a === "-h")) return { kind: "help" };
  if (argv.some((a) => a === "--version" || a === "-v")) return { kind: "version" };
  let transport = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag = "", inline] = splitFlag(arg);
    if (TRANSPORTS.has(arg)) {
      transport = true;
    } else if (WITH_VALUE.has(flag)) {
      const value = inline ?? argv[++i];
      if (!value) return { kind: "usage-error", message: `${flag} needs a value` };
      if (flag !== "--clientProcessId") transport = true;
    } else {
      return { kind: "usage-error", message: `unknown argument ${arg}` };
    }
  }
  return transport
    ? { kind: "serve" }
    : {
        kind: "usage-error",
        message: "choose a transport: --stdio, --node-ipc, --socket or --pipe",
      };
}

function splitFlag(arg: string): [string, string | undefined] {
  const at = arg.indexOf("=");
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}
