/** Builds the real Deps for one command: the state folder, the scoped file system and its allow-list. */
import { join } from "./path.ts";
import type { Env, OS } from "./host.ts";
import { AppError } from "../core/errors.ts";
import { Cache } from "./cache.ts";
import type { Deps } from "./deps.ts";
import { type FileSystem, realFs } from "./fs.ts";
import { AccessPolicy, checkUserPath, scopedFs } from "./scoped_fs.ts";

export interface DepsOptions {
  /** --home, else MCP_ORCHESTRATION_HOME, else <user home>/.mcp-orchestration. */
  home?: string;
  env: Env;
  /** Names of the variables set in the environment at start (Deps.envNames). */
  envNames?: ReadonlySet<string>;
  os: OS;
  /** The file system under the scope (tests pass a faulty one). */
  inner?: FileSystem;
  /** Client config files to allow (resolved by the clients registry). */
  clientFiles?: (os: OS, env: Env) => string[];
  now?: () => Date;
  /** The working directory (default: the process's). */
  cwd?: () => string;
  execPath?: () => string;
  selfCommand?: () => { command: string; args: string[]; env?: Record<string, string> };
}

/** The user's home folder from the environment. */
export function userHomeOf(os: OS, env: Env): string {
  const h = os === "windows" ? env.USERPROFILE ?? env.HOME : env.HOME ?? env.USERPROFILE;
  if (!h) {
    throw new AppError("invalid_input", "Cannot find the home folder: set HOME (USERPROFILE on Windows)");
  }
  return h;
}

export function makeDeps(o: DepsOptions): Deps {
  const userHome = userHomeOf(o.os, o.env);
  const raw = o.home ?? o.env.MCP_ORCHESTRATION_HOME ?? join(userHome, ".mcp-orchestration");
  // Like every path the user names: NUL bytes and ".." segments are refused, not resolved away.
  const cwd = o.cwd ?? (() => Deno.cwd());
  const home = checkUserPath(raw, cwd());
  const inner = o.inner ?? realFs;
  const policy = new AccessPolicy(inner).allowTree(home);
  for (const f of o.clientFiles?.(o.os, o.env) ?? []) policy.allowFile(f, [userHome]);
  return {
    fs: scopedFs(inner, policy),
    policy,
    home,
    userHome,
    env: o.env,
    ...(o.envNames ? { envNames: o.envNames } : {}),
    os: o.os,
    now: o.now ?? (() => new Date()),
    cwd,
    cache: new Cache(),
    execPath: o.execPath ?? (() => Deno.execPath()),
    selfCommand: o.selfCommand ?? (() => ({ command: Deno.execPath(), args: ["serve"] })),
  };
}
