/**
 * How a client starts a local MCP server, as data (`doctor` starts each server the same way): which
 * environment the server gets, which `${VAR}` forms the client expands and where, the working folder,
 * the Windows wrapping, the startup timeout and the protocol version it asks for. Every record carries
 * one (`defineClient` fills the defaults); the facts and their sources are in the records and in
 * docs/how-to/troubleshoot-servers.md.
 *
 * @example
 * launchRules({ env: "allow-list", allow: SDK_DEFAULT_ENV, expand: [] }).cwd; // { field: true, fallback: "client-cwd" }
 */

/** A variable reference form: `${VAR}`, `${VAR:-default}`, `$VAR`, `${env:VAR}`, opencode's `{env:VAR}`. */
export type ExpandSyntax =
  | "dollar-brace"
  | "dollar-brace-default"
  | "bare-dollar"
  | "env-colon"
  | "brace-env";

/** The fields of an entry an expansion pass applies to. */
export type ExpandField = "command" | "args" | "env" | "cwd" | "url" | "headers";

/** One expansion pass of a client over an entry. */
export interface ExpandRule {
  syntaxes: ExpandSyntax[];
  fields: ExpandField[];
  /** What an unset variable becomes: the reference text kept as is, or an empty string. */
  unset: "keep" | "empty";
  /** `${workspaceFolder}` (the project folder) and `${userHome}` are known too. */
  builtins?: boolean;
  /** Where values come from: the client's environment (default), or only the entry's own `env`. */
  from?: "environment" | "entry-env";
}

/** The environment a server gets. */
export type EnvModel =
  /** the client's whole environment, plus the entry's `env` */
  | "inherit"
  /** only the listed variables of the client's environment, plus the entry's `env` */
  | "allow-list"
  /** the client's environment without variables whose names look secret, plus the entry's `env` */
  | "inherit-minus-secrets";

/** How the Windows build starts a command (recorded even where it cannot run). */
export interface WindowsRule {
  /** none: as is; cmd-always: `cmd.exe /c` around everything; cmd-for: only around `commands`;
   * shell-for-batch: `shell: true` when PATHEXT finds a .cmd/.bat; pathext: resolved with PATHEXT. */
  wrap: "none" | "cmd-always" | "cmd-for" | "shell-for-batch" | "pathext";
  commands?: string[];
}

export interface LaunchRules {
  env: EnvModel;
  /** The allow-list (env "allow-list"), per OS family. */
  allow?: { posix: string[]; windows: string[] };
  /** env "inherit-minus-secrets": a case-insensitive pattern of the names the client drops. */
  dropPattern?: string;
  /** Variables the client adds itself (`${workspaceFolder}` is the project folder). */
  set?: Record<string, string>;
  /** An entry's PATH: replaces the client's (entry-wins), is appended to it (append), or is ignored (parent). */
  path: "entry-wins" | "append" | "parent";
  /** Expansion passes, in order. */
  expand: ExpandRule[];
  /** The `cwd` field is honoured; otherwise the server runs in the client's folder (the project folder
   * here), the user's home, or `/`. */
  cwd: { field: boolean; fallback: "client-cwd" | "home" | "root" };
  windows: WindowsRule;
  /** How long the client waits for a server to start (ms); null when not known. */
  startupTimeoutMs: number | null;
  /** A variable of the client's environment that sets that timeout in ms (Claude Code's MCP_TIMEOUT). */
  timeoutEnv?: string;
  /** How a user raises it, for hints ("`startup_timeout_sec` in the entry"). */
  timeoutSetting?: string;
  /** The protocol version the client asks for in `initialize`. */
  protocolVersion: string;
  /** Entry fields that switch a server off (`enabled: false`, `disabled: true`). */
  disabled: { key: string; value: unknown }[];
  /** Where these facts come from, and what is not verified. */
  source: string;
}

/** The TypeScript SDK's `getDefaultEnvironment()` list (StdioClientTransport). */
export const SDK_DEFAULT_ENV = {
  posix: ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"],
  windows: [
    "APPDATA",
    "HOMEDRIVE",
    "HOMEPATH",
    "LOCALAPPDATA",
    "PATH",
    "PROCESSOR_ARCHITECTURE",
    "SYSTEMDRIVE",
    "SYSTEMROOT",
    "TEMP",
    "USERNAME",
    "USERPROFILE",
    "PROGRAMFILES",
  ],
};

/** `${VAR}` and `${VAR:-default}`. */
export const DOLLAR_BRACE: ExpandSyntax[] = ["dollar-brace", "dollar-brace-default"];
export const ALL_FIELDS: ExpandField[] = ["command", "args", "env", "cwd", "url", "headers"];

const DEFAULTS: LaunchRules = {
  env: "inherit",
  path: "entry-wins",
  expand: [],
  cwd: { field: true, fallback: "client-cwd" },
  windows: { wrap: "none" },
  startupTimeoutMs: null,
  protocolVersion: "2025-06-18",
  disabled: [{ key: "disabled", value: true }, { key: "enabled", value: false }],
  source: "not verified: modelled as the common case (whole environment, no expansion, the client's folder)",
};

/** The rules of a record: `partial` over the defaults. */
export function launchRules(partial: Partial<LaunchRules> = {}): LaunchRules {
  return { ...DEFAULTS, ...partial };
}
