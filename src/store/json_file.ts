/** Reading and atomically writing the state folder's JSON files. */
import { dirname } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { FileInfo, FileSystem } from "../platform/fs.ts";

const dec = new TextDecoder("utf-8", { fatal: true });

/** The deterministic on-disk text of a state record: 2-space JSON and a final newline. */
export function serialize(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Parses a state file; null when missing; `integrity_error` when it is not valid JSON. `known` may
 * return an already-checked value for these exact bytes (then `cached` is true and nothing is parsed). */
export async function readJson<T>(
  fs: FileSystem,
  path: string,
  known?: (text: string) => T | undefined,
): Promise<{ value: T; text: string; cached?: boolean } | null> {
  if (known) {
    // A file whose identity (inode, size, mtime, ctime) is unchanged since its bytes were verified is
    // not read again. As git does for its index, a file modified less than 2 s before we verified it is
    // "racy" (a same-millisecond rewrite would keep its identity) and is always read.
    const st = await fs.stat(path);
    if (!st) return null;
    const id = identity(st);
    const memo = id ? seenFiles.get(path) : undefined;
    if (memo && memo.id === id && memo.safe) {
      const hit = known(memo.text);
      if (hit !== undefined) return { value: hit, text: memo.text, cached: true };
    }
    const got = await readJsonFile<T>(fs, path, known);
    if (got?.cached && id) {
      if (seenFiles.size > 50_000) seenFiles.clear();
      seenFiles.set(path, { id, text: got.text, safe: settled(st) });
    }
    return got;
  }
  return await readJsonFile<T>(fs, path, known);
}

/** True when a file with this info was last modified long enough ago (2 s) that a rewrite would change
 * its identity: the only files whose identity may stand in for their bytes. */
export function settled(st: FileInfo): boolean {
  return st.mtimeMs !== null && Date.now() - st.mtimeMs > 2000;
}

/** Verified bytes by path, with the identity the file had then. */
const seenFiles = new Map<string, { id: string; text: string; safe: boolean }>();

/** A file's identity for the memo: inode, size, mtime and ctime (null where the platform lacks one). */
export function identity(st: FileInfo): string | null {
  if (!st.isFile || st.ino == null || st.ctimeMs == null || st.mtimeMs === null) return null;
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

async function readJsonFile<T>(
  fs: FileSystem,
  path: string,
  known?: (text: string) => T | undefined,
): Promise<{ value: T; text: string; cached?: boolean } | null> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  try {
    const text = dec.decode(bytes);
    const hit = known?.(text);
    if (hit !== undefined) return { value: hit, text, cached: true };
    return { value: JSON.parse(text) as T, text };
  } catch {
    throw new AppError("integrity_error", `The state file "${path}" is not valid JSON`, { path });
  }
}

/** Writes a state record atomically (creating its folder). */
export async function writeJson(fs: FileSystem, path: string, value: unknown, mode = 0o644): Promise<void> {
  await fs.mkdir(dirname(path), 0o700);
  await writeAtomic(fs, path, new TextEncoder().encode(serialize(value)), { mode });
}
