/**
 * The dependencies every operation receives, built once in main.ts (tests build them over a temp
 * folder). Nothing below ops/ reads Deno.env, the clock, the working directory or the disk except
 * through these, and no module keeps a memo of its own (they live in `cache`).
 */
import type { Cache } from "./cache.ts";
import type { Env, OS } from "./host.ts";
import type { FileSystem } from "./fs.ts";
import type { AccessPolicy } from "./scoped_fs.ts";

export interface Deps {
  /** Scoped file system: only allowed paths. */
  fs: FileSystem;
  /** The allow-list behind `fs` (the CLI adds files the user named). */
  policy: AccessPolicy;
  /** The state folder (absolute). */
  home: string;
  /** The user's home folder, from which client config paths resolve. */
  userHome: string;
  env: Env;
  /** Names of the variables set in this program's environment at start (never their values): a deploy
   * says which variables a client must have and whether each is set. Absent: those of `env`. */
  envNames?: ReadonlySet<string>;
  os: OS;
  now(): Date;
  /** The working directory, against which relative paths the user names resolve. */
  cwd(): string;
  /** The memos of verified state (src/platform/cache.ts): one per Deps, so per command or server. */
  cache: Cache;
  /** The running executable (for `connect`). */
  execPath(): string;
  /** The command, arguments and extra environment that start this program's MCP server (for `connect`). */
  selfCommand(): { command: string; args: string[]; env?: Record<string, string> };
  /** Set by the MCP server: the folders its client shared (MCP roots, absolute paths), or null when the
   * client declared none. A project folder must lie inside one. Its presence also means the caller has
   * no current folder of ours: a relative project folder is refused. */
  projectRoots?(): Promise<string[] | null>;
}
