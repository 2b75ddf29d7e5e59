/**
 * Links at a client config path. A symlink to a file in an allowed place is followed (the scoped file
 * system checks where it leads): we read and write its target and the link stays. Refused:
 * - a symlink that leads nowhere (dangling, or a loop), at the file or at a folder above it: writing
 *   there would replace the link with a regular file (`unreadable_file`);
 * - a file that is also a file of the state folder under another name (a hard link to secrets.json,
 *   the signing key, an artifact...), read or written (`path_not_allowed`);
 * - writing any other file with more than one hard link: a write replaces the file (rename), which
 *   would leave its other names with the old bytes (`path_not_allowed`; reading it is fine).
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import type { FileInfo } from "../platform/fs.ts";
import { dirname, join } from "../platform/path.ts";

function brokenLink(path: string, at: string): AppError {
  const where = at === path ? "it is" : `the folder "${at}" above it is`;
  return new AppError(
    "unreadable_file",
    `Cannot use "${path}": ${where} a symbolic link that leads to no file (its target is missing, or the links loop); nothing was changed`,
    { path, link: at, hint: "create the link's target, or remove the link" },
  );
}

/** Refuses a link at `realPath` (the resolved client path: still a link only when it leads nowhere) or,
 * when nothing is there, a dangling link among the folders above it. */
export async function refuseBrokenLinks(deps: Deps, path: string, realPath: string): Promise<void> {
  const here = await deps.fs.lstat(realPath);
  if (here?.isSymlink) throw brokenLink(path, realPath);
  if (here) return;
  for (let dir = dirname(realPath); dir !== dirname(dir); dir = dirname(dir)) {
    const l = await deps.fs.lstat(dir);
    if (!l) continue;
    if (l.isSymlink && !(await deps.fs.stat(dir).catch(() => null))) throw brokenLink(path, dir);
    return;
  }
}

/** The file of the state folder that is `st` under another name, if any. */
async function stateTwin(deps: Deps, st: FileInfo, dir = deps.home): Promise<string | null> {
  for (const name of await deps.fs.readDir(dir)) {
    const p = join(dir, name);
    const l = await deps.fs.lstat(p);
    if (l?.isDirectory) {
      const found = await stateTwin(deps, st, p);
      if (found) return found;
    } else if (l?.isFile && l.ino === st.ino && l.dev === st.dev) return p;
  }
  return null;
}

/** Refuses a client file that is a state file under another name (only a file with more than one hard
 * link can be: the folder is walked only then). */
export async function refuseStateTwin(deps: Deps, path: string, st: FileInfo): Promise<void> {
  if ((st.nlink ?? 1) <= 1 || st.ino == null) return;
  const twin = await stateTwin(deps, st);
  if (twin) {
    throw new AppError(
      "path_not_allowed",
      `Cannot use "${path}" as a client config file: it is "${twin}" of the state folder under another name (a hard link)`,
      { path, state_file: twin },
    );
  }
}

/** Refuses to replace a file with more than one hard link (`links`: its count when read). */
export function refuseSplittingLinks(path: string, links: number): void {
  if (links <= 1) return;
  throw new AppError(
    "path_not_allowed",
    `Cannot write "${path}": it has ${links} hard links, and replacing it would leave the other ${
      links === 2 ? "name" : "names"
    } with the old bytes; nothing was changed`,
    { path, links, hint: "make the other names symbolic links to this file (or this file a symbolic link)" },
  );
}
