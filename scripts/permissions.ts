/**
 * The permission flags of the compiled binary, written once: `deno task start`, `deno task compile`
 * and the e2e tests all use RUN_FLAGS. No network, no subprocesses, no FFI, env limited to what the
 * program reads, never a prompt. File access is broad here and narrowed in the program (scoped_fs.ts).
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
  `--allow-env=${ENV_VARS.join(",")}`,
  `--ignore-env=${IGNORED_ENV.join(",")}`,
  "--no-prompt",
];

/** The five release targets. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];
