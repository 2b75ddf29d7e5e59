/**
 * A state folder other users can write is refused: anyone could plant a trusted key, an index, a draft
 * or a journal record there. `FolderGuard.check` stats each folder from the state root down to a path
 * (results kept for one second, so a long-running server notices a later `chmod`) and throws
 * `path_not_allowed` naming the folder, its mode and the fix.
 */
import { dirname, join, relative, sep } from "./path.ts";
import { AppError } from "../core/errors.ts";
import type { FileSystem } from "./fs.ts";

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
    const dirs = [root];
    for (const seg of relative(root, dirname(real)).split(sep).filter(Boolean)) {
      dirs.push(join(dirs.at(-1)!, seg));
    }
    for (const d of dirs) {
      if (this.safe.has(d)) continue;
      const st = await this.fs.stat(d);
      if (!st) return;
      if (st.isDirectory && st.mode !== null && (st.mode & 0o002) !== 0) {
        const mode = st.mode.toString(8).padStart(4, "0");
        throw new AppError(
          "path_not_allowed",
          `The state folder "${d}" is writable by every user (mode ${mode}): refusing to use it; run: chmod o-w '${d}'`,
          { path: d, mode, hint: `chmod o-w '${d}'` },
        );
      }
      this.safe.add(d);
    }
    this.safePaths.add(key);
  }
}
