/**
 * Least privilege, per command. The binary is compiled with every flag any command needs
 * (scripts/permissions.ts RUN_FLAGS); main.ts calls dropPermissions as soon as the command is known and
 * before it runs, so each command keeps only what this table grants. Only `doctor` and `serve` (which
 * hosts the `check_server_health` tool) start or connect to servers; `push`, `pull` and `sync` start
 * `git` and nothing else; read-only commands lose write too.
 * The environment is read once at start (main.ts readEnv, ENV_VARS only), so commands that start
 * nothing lose env access entirely (IGNORED_ENV still read as undefined through --ignore-env), except
 * `logs`, which reads it to hide the values of variables the client's entries reference.
 * Kept light: main.ts imports it on every start.
 */

export interface Needs {
  /** Write files (state folder, client configs). */
  write: boolean;
  /** Start subprocesses (servers under test). */
  run: boolean;
  /** Connect to remote servers. */
  net: boolean;
  /** Read the whole environment (servers start with the user's environment, ${VAR} expansion). */
  envAll: boolean;
}

const READ_ONLY: Needs = { write: false, run: false, net: false, envAll: false };
const WRITES: Needs = { write: true, run: false, net: false, envAll: false };
/** push, pull, sync: write the store, start `git` (only git: src/platform/git.ts) with the user's
 * environment (credentials, ssh agent, proxy); git connects, this process does not. */
const GIT: Needs = { write: true, run: true, net: false, envAll: true };
const ALL: Needs = { write: true, run: true, net: true, envAll: true };
/** logs: reads only, but the whole environment, to hide the values of the variables the client's
 * entries reference (a token the client passed to a server and the server logged). */
const LOG_READER: Needs = { write: false, run: false, net: false, envAll: true };

/** Every command's needs. A command not listed here (help, --version, a typo) gets READ_ONLY. */
export const COMMAND_NEEDS: Record<string, Needs> = {
  "init": WRITES,
  "list-clients": READ_ONLY,
  "list-profiles": READ_ONLY,
  "list-servers": READ_ONLY,
  "describe-server": READ_ONLY,
  "registry": WRITES,
  "check-install": READ_ONLY,
  "install-server": READ_ONLY,
  "add-server": WRITES,
  "remove-server": WRITES,
  "set-server": WRITES,
  "disable-server": WRITES,
  "enable-server": WRITES,
  "view-draft": READ_ONLY,
  "clear-draft": WRITES,
  "import-config": WRITES,
  "validate-config": READ_ONLY,
  "diff-config": READ_ONLY,
  "publish-config": WRITES,
  "get-config": READ_ONLY,
  "verify": READ_ONLY,
  "trust": WRITES,
  "verify-release": READ_ONLY,
  "deploy-config": WRITES,
  "status": READ_ONLY,
  "history": READ_ONLY,
  "rollback": WRITES,
  "doctor": ALL,
  "logs": LOG_READER,
  "remote": WRITES,
  "push": GIT,
  "pull": GIT,
  "sync": GIT,
  "connect": WRITES,
  "serve": ALL,
  "completions": READ_ONLY,
};

/** Actions that need other than their command's entry: `trust list` only reads, `registry sync` reads the
 * MCP registry over the network (to any host: Deno cannot narrow a granted --allow-net to one host at run
 * time, and the URL is only known then). */
export const ACTION_NEEDS: Record<string, Needs> = {
  "trust list": READ_ONLY,
  "registry sync": { write: true, run: false, net: true, envAll: false },
};

/** The action word after the command in `args` (`trust list`): the first word after the command that is
 * no option; a word after an option (`--url URL sync`) is taken as its value. */
export function actionName(args: string[]): string | undefined {
  const at = commandAt(args);
  if (at === undefined) return undefined;
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return args[i + 1];
    if (!a.startsWith("-")) return a;
    if (!a.includes("=") && i + 1 < args.length && !args[i + 1].startsWith("-") && a !== "--force") i++;
  }
  return undefined;
}

/** The command `args` name: the first word that is not a global option or its value. */
export function commandName(args: string[]): string | undefined {
  const at = commandAt(args);
  return at === undefined ? undefined : args[at];
}

/** The index of the command's name in `args`. */
function commandAt(args: string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--home" || a === "--format") i++;
    else if (a === "--") return i + 1 < args.length ? i + 1 : undefined;
    else if (!a.startsWith("-")) return i;
  }
  return undefined;
}

/** What the command in `args` needs (READ_ONLY when no known command is named). */
export function needsFor(args: string[]): Needs {
  const name = commandName(args);
  if (name === undefined || !Object.hasOwn(COMMAND_NEEDS, name)) return READ_ONLY;
  const action = `${name} ${actionName(args)}`;
  return Object.hasOwn(ACTION_NEEDS, action) ? ACTION_NEEDS[action] : COMMAND_NEEDS[name];
}

/** Revokes, for the rest of the process, every permission the command in `args` does not need. */
export function dropPermissions(args: string[]): Needs {
  const needs = needsFor(args);
  if (!needs.write) Deno.permissions.revokeSync({ name: "write" });
  if (!needs.run) Deno.permissions.revokeSync({ name: "run" });
  if (!needs.net) Deno.permissions.revokeSync({ name: "net" });
  if (!needs.envAll) Deno.permissions.revokeSync({ name: "env" });
  return needs;
}

/** The permissions this process holds now (the test-only MCPO_PERMISSION_PROBE report). */
export function heldPermissions(): { write: boolean; run: boolean; net: boolean; env: boolean } {
  const held = (name: "write" | "run" | "net" | "env") =>
    Deno.permissions.querySync({ name }).state === "granted";
  return { write: held("write"), run: held("run"), net: held("net"), env: held("env") };
}
