/** Reading a client config file and writing it by the deploy protocol: backup of the exact pre-image,
 * atomic compare-and-swap replace keeping the mode, folder created when missing. */
import { dirname } from "node:path";
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { Deps } from "../platform/deps.ts";
import { saveBackup } from "../store/backups.ts";

export interface FileState {
  /** The real path (a symlinked config file is followed). */
  realPath: string;
  bytes: Uint8Array | null;
  text: string;
  mode: number | null;
  sha256: string | null;
}

const dec = new TextDecoder("utf-8", { fatal: true });

export async function readConfigFile(deps: Deps, path: string): Promise<FileState> {
  const realPath = await deps.policy.resolveReal(path);
  await deps.policy.check(path, "read");
  const st = await deps.fs.stat(realPath);
  if (st && !st.isFile) {
    throw new AppError("unreadable_file", `Cannot use "${path}": it is not a regular file`, { path });
  }
  if (!st) return { realPath, bytes: null, text: "", mode: null, sha256: null };
  const bytes = await deps.fs.readFile(realPath);
  let text: string;
  try {
    text = dec.decode(bytes);
  } catch {
    throw new AppError("config_parse_error", `Cannot parse "${path}": it is not valid UTF-8`, { path });
  }
  return { realPath, bytes, text, mode: st.mode, sha256: await sha256Hex(bytes) };
}

function same(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Saves the pre-image to backups/<sha256> (0600, known secret values as placeholders) once. */
export function backup(deps: Deps, before: FileState, secrets: Record<string, string>): Promise<string | null> {
  if (!before.bytes || !before.sha256) return Promise.resolve(null);
  return saveBackup(deps, before.bytes, before.sha256, secrets);
}

/** Replaces the file with `after` unless someone changed it since `before` was read. */
export async function compareAndSwap(deps: Deps, before: FileState, after: Uint8Array, newFileMode: number) {
  await deps.fs.mkdir(dirname(before.realPath), 0o700);
  await writeAtomic(deps.fs, before.realPath, after, {
    mode: before.mode ?? newFileMode,
    beforeRename: async () => {
      let now: Uint8Array | null = null;
      try {
        now = await deps.fs.readFile(before.realPath);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
      if (!same(now, before.bytes)) {
        throw new AppError(
          "concurrent_write",
          `"${before.realPath}" changed while we were writing it (another program wrote it): nothing was changed, try again`,
          { path: before.realPath },
        );
      }
    },
  });
}

/** Removes the file (a restore to "it did not exist"), again only if unchanged. */
export async function removeIfUnchanged(deps: Deps, before: FileState): Promise<void> {
  const now = await deps.fs.readFile(before.realPath).catch(() => null);
  if (!same(now, before.bytes)) {
    throw new AppError("concurrent_write", `"${before.realPath}" changed while we were restoring it`, {
      path: before.realPath,
    });
  }
  await deps.fs.remove(before.realPath);
}
