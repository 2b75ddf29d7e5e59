/**
 * The permission flags of the compiled binary, written once: `deno task start`, `deno task compile`
 * and the e2e tests all use RUN_FLAGS. Subprocesses, network and the whole environment for `doctor` and
 * `serve` (the only commands that start or connect to anything); no FFI, never a prompt. These are the
 * union of what commands need: main.ts revokes, per command, what it does not (src/cli/permissions.ts). File access is broad
 * here and narrowed in the program (scoped_fs.ts). ENV_VARS are the variables the program itself reads.
 */
export const ENV_VARS = [
  "HOME",
  "USERPROFILE",
  "APPDATA",
  "LOCALAPPDATA",
  "XDG_CONFIG_HOME",
  "CLAUDE_CONFIG_DIR",
  "CODEX_HOME",
  "COPILOT_HOME",
  "MCP_ORCHESTRATION_HOME",
  "NO_COLOR",
  "PATH",
  "PATHEXT",
];

/** Variables npm packages read that we never need: reads return undefined instead of throwing. */
export const IGNORED_ENV = [
  "LOG_TOKENS",
  "LOG_STREAM",
  "CLICOLOR_FORCE",
  "CLICOLOR",
  "DEBUG",
  "NODE_DEBUG",
  "FORCE_COLOR",
  "NODE_ENV",
];

export const RUN_FLAGS = [
  "--allow-read",
  "--allow-write",
  // doctor starts servers with the user's environment (the clients do), expands ${VAR} from it and
  // connects to remote servers; `--allow-run` alone would let any child read the environment anyway.
  // Deps.env still holds only ENV_VARS.
  "--allow-env",
  "--allow-run",
  "--allow-net",
  `--ignore-env=${IGNORED_ENV.join(",")}`,
  "--no-prompt",
  // Not a permission, but carried with them (into the binary, `deno task start/install` and connect's
  // entry): a young generation of at most 4 MiB per semi-space. With V8's default the MCP server's
  // scavenges, when they came, took ~4 ms, and one call in twenty of `get_deployment_status` paid it (p95
  // 5.8-6.4 ms against 2.4-3.0 with this flag, three interleaved runs; BENCHMARKS.md). CLI commands and
  // peak memory are unchanged.
  "--v8-flags=--max-semi-space-size=4",
];

/** The five release targets. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];
