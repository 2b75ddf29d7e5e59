/** Reading a client config file and writing it by the deploy protocol: backup of the exact pre-image,
 * atomic compare-and-swap replace keeping the mode, folder created when missing. */
import { dirname } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { Deps } from "../platform/deps.ts";
import { saveBackup } from "../store/backups.ts";
import { checkFileSize } from "../platform/file_size.ts";
import { isWithin } from "../platform/scoped_fs.ts";
import { readSecretBook } from "../store/secrets.ts";
import { decodeExact } from "../core/utf8.ts";
import { refuseBrokenLinks, refuseStateTwin } from "./client_links.ts";

export interface FileState {
  /** The real path (a symlinked config file is followed). */
  realPath: string;
  bytes: Uint8Array | null;
  /** The exact text of `bytes`: a BOM stays as U+FEFF (the codecs keep it), so encoding it gives them back. */
  text: string;
  mode: number | null;
  sha256: string | null;
  /** Its number of hard links (1 when missing or unknown): a write refuses more than one. */
  links: number;
}

export async function readConfigFile(deps: Deps, path: string): Promise<FileState> {
  const realPath = await deps.policy.resolveReal(path);
  await deps.policy.check(path, "read");
  if (isWithin(await deps.policy.resolveReal(deps.home), realPath)) {
    throw new AppError(
      "path_not_allowed",
      `Cannot use "${path}" as a client config file: it resolves into the state folder ("${realPath}")`,
      {
        path,
        real_path: realPath,
      },
    );
  }
  await refuseBrokenLinks(deps, path, realPath);
  const st = await deps.fs.stat(realPath);
  if (st && !st.isFile) {
    throw new AppError("unreadable_file", `Cannot use "${path}": it is not a regular file`, { path });
  }
  if (!st) return missing(realPath);
  await refuseStateTwin(deps, path, st);
  await checkFileSize(deps, realPath, st);
  let bytes: Uint8Array;
  try {
    bytes = await deps.fs.readFile(realPath);
  } catch (e) {
    // Removed by another program since the stat: it is missing now.
    if (e instanceof Deno.errors.NotFound) return missing(realPath);
    throw e;
  }
  // Invalid UTF-8 is refused, never read with replacement characters and written back.
  const text = decodeExact(bytes);
  if (text === null) {
    throw new AppError("config_parse_error", `Cannot parse "${path}": it is not valid UTF-8`, { path });
  }
  // One BOM is set aside by the codecs and written back; a second one is no format's text (and a
  // parser that skips it would have us drop it).
  if (text.startsWith("\uFEFF\uFEFF")) {
    throw new AppError("config_parse_error", `Cannot parse "${path}": it starts with two byte order marks`, {
      path,
    });
  }
  return { realPath, bytes, text, mode: st.mode, sha256: await sha256Hex(bytes), links: st.nlink ?? 1 };
}

function missing(realPath: string): FileState {
  return { realPath, bytes: null, text: "", mode: null, sha256: null, links: 1 };
}

function same(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Saves the pre-image to backups/<sha256> (0600, known secret values as placeholders) once. */
export async function backup(deps: Deps, before: FileState): Promise<string | null> {
  if (!before.bytes || !before.sha256) return null;
  return await saveBackup(deps, before.bytes, before.sha256, await readSecretBook(deps));
}

/** Replaces the file with `after` unless someone changed it since `before` was read. The file keeps its
 * mode (`newFileMode` when it is created), less the group and other bits when `private`. */
export async function compareAndSwap(
  deps: Deps,
  before: FileState,
  after: Uint8Array,
  newFileMode: number,
  private_ = false,
) {
  await deps.fs.mkdir(dirname(before.realPath), 0o700);
  const kept = before.mode ?? newFileMode;
  await writeAtomic(deps.fs, before.realPath, after, {
    mode: private_ ? kept & ~0o077 : kept,
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

/** A parse error of the client file at `path`, naming it: `Cannot read the JSON config "/x/mcp.json" at
 * line 5, column 1: ...` with `details.path` (a codec knows the text, never the file). Anything else
 * passes as it is. */
export function namingFile(e: unknown, path: string): unknown {
  if (!(e instanceof AppError) || e.code !== "config_parse_error" || e.details.path !== undefined) return e;
  const named = e.message.replace(/^Cannot read the (\S+) config/, `Cannot read the $1 config "${path}"`);
  return new AppError(
    "config_parse_error",
    named === e.message ? `Cannot read "${path}": ${e.message}` : named,
    {
      ...e.details,
      path,
      hint:
        "nothing was written: fix the file (rollback --restore puts back what a deploy replaced), then run again",
    },
  );
}
