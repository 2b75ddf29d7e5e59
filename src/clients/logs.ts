/**
 * Where a client writes its own MCP logs, as data in its record (`logs`): a folder per OS (a PathSpec;
 * an OS not named is not known), or a folder inside the project, the files in it, and which OSes were
 * verified against the client's source or official docs (/work/shared/LAUNCH.md, "Logs"). Read only.
 */
import { type PathSpec, resolvePath } from "./paths.ts";
import { joinFor } from "./paths.ts";
import type { Env, OS } from "../platform/host.ts";

export interface LogSpec {
  /** The log folder per OS (absent: the client writes no log file, or the place is not known). */
  folder?: PathSpec;
  /** A folder inside the project instead (path segments). */
  projectFolder?: string[];
  /** The files in it that hold MCP lines (glob; `{server}` is the server's name). */
  files: string[];
  /** OSes whose place is verified; the others are the usual answer, not verified. */
  verified: OS[];
  /** What a user should know (no file; stderr only at debug level...). */
  note?: string;
}

/** The client's log folder on `os`, or null when it has none or it is not known there. */
export function logFolder(spec: LogSpec | undefined, os: OS, env: Env, projectDir?: string): string | null {
  if (!spec) return null;
  if (spec.projectFolder) return projectDir ? joinFor(os, projectDir, ...spec.projectFolder) : null;
  if (!spec.folder || !(spec.folder[os] ?? spec.folder.all ?? spec.folder.override)) return null;
  try {
    return resolvePath(spec.folder, os, env);
  } catch {
    return null; // a variable it needs is unset
  }
}
