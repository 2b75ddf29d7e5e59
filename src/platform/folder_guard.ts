/**
 * A state folder other users can write is refused: anyone could plant a trusted key, an index, a draft
 * or a journal record there. `FolderGuard.check` stats each folder from the state root down to a path
 * (results kept for one second, so a long-running server notices a later `chmod`) and throws
 * `path_not_allowed` naming the folder, its mode and the fix. The folders checked are the state root and
 * those between it and the path, never one above the root (`--home /tmp/x` is about `/tmp/x`, not
 * `/tmp`). The fix is a `chmod` only for a folder of the user's own: for a shared or system folder (sticky
 * bit, like `/tmp`, or one of SYSTEM_FOLDERS) it is to choose another state folder, never to change the
 * mode of a folder the system relies on.
 */
import { dirname, isAbsolute, join, relative, sep } from "./path.ts";
import { AppError } from "../core/errors.ts";
import type { FileSystem } from "./fs.ts";

/** Folders the system or other users rely on: never a state folder, never advised a new mode. */
export const SYSTEM_FOLDERS: ReadonlySet<string> = new Set([
  "/",
  "/tmp",
  "/var",
  "/var/tmp",
  "/var/local",
  "/usr",
  "/usr/local",
  "/opt",
  "/srv",
  "/home",
  "/etc",
  "/dev",
  "/dev/shm",
  "/run",
  "/mnt",
  "/media",
  "/root",
  "/Users",
  "/Users/Shared",
  "/private",
  "/private/tmp",
  "/private/var",
  "/private/var/tmp",
]);

/** True for a shared or system folder (sticky bit, or one of SYSTEM_FOLDERS): advise another state
 * folder, never a `chmod` of it. */
export function isSharedFolder(path: string, mode: number | null): boolean {
  return SYSTEM_FOLDERS.has(path.replace(/[\\/]+$/, "") || "/") || (mode !== null && (mode & 0o1000) !== 0);
}

/** How to get out of a world-writable `d`: its `chmod`, or (a shared or system folder) another folder. */
export function writableFolderFix(d: string, mode: number | null): { fix: string; hint: string } {
  if (isSharedFolder(d, mode)) {
    const hint =
      "choose a state folder of your own: --home DIR or MCP_ORCHESTRATION_HOME (default ~/.mcp-orchestration)";
    return { fix: `"${d}" is a shared system folder (leave its mode as it is): ${hint}`, hint };
  }
  return { fix: `run: chmod o-w '${d}'`, hint: `chmod o-w '${d}'` };
}

/** Checks that no folder of the state tree is writable by every user. */
export class FolderGuard {
  private safe = new Set<string>();
  /** Paths whose whole chain was found safe in this window (one lookup instead of a walk). */
  private safePaths = new Set<string>();
  private since = 0;

  constructor(private fs: FileSystem) {}

  /** Throws `path_not_allowed` when `root` or a folder between it and `real` is world-writable. */
  async check(root: string, real: string): Promise<void> {
    if (Date.now() - this.since > 1000) {
      this.safe.clear();
      this.safePaths.clear();
      this.since = Date.now();
    }
    const key = root + "\0" + real;
    if (this.safePaths.has(key)) return;
    if (SYSTEM_FOLDERS.has(root)) {
      // `--home /usr/local` would scatter our files in it (and init would narrow its mode).
      throw new AppError(
        "path_not_allowed",
        `The state folder "${root}" is a system folder: refusing to use it; ${
          writableFolderFix(root, null).hint
        }`,
        { path: root, hint: writableFolderFix(root, null).hint },
      );
    }
    const dirs = [root];
    // The folders from the root down to the one holding `real`; nothing above the root (`real` may be
    // the root itself, whose parent is outside the state folder).
    const rel = relative(root, dirname(real));
    if (!rel.startsWith("..") && !isAbsolute(rel)) {
      for (const seg of rel.split(sep).filter(Boolean)) dirs.push(join(dirs.at(-1)!, seg));
    }
    for (const d of dirs) {
      if (this.safe.has(d)) continue;
      const st = await this.fs.stat(d);
      if (!st) return;
      if (st.isDirectory && st.mode !== null && (st.mode & 0o002) !== 0) {
        const mode = st.mode.toString(8).padStart(4, "0");
        const { fix, hint } = writableFolderFix(d, st.mode);
        throw new AppError(
          "path_not_allowed",
          `The state folder "${d}" is writable by every user (mode ${mode}): refusing to use it; ${fix}`,
          { path: d, mode, hint },
        );
      }
      this.safe.add(d);
    }
    this.safePaths.add(key);
  }
}
