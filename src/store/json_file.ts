/** Reading and atomically writing the state folder's JSON files. */
import { dirname } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { FileSystem } from "../platform/fs.ts";
import { type Cache, identity, settled } from "../platform/cache.ts";

const dec = new TextDecoder("utf-8", { fatal: true });

/** The deterministic on-disk text of a state record: 2-space JSON and a final newline. */
export function serialize(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Parses a state file; null when missing; `integrity_error` when it is not valid JSON. `known` may
 * return an already-checked value for these exact bytes (then `cached` is true and nothing is parsed).
 * With `memo` (the deps: their cache and clock), a file whose identity is unchanged since its bytes
 * were verified, and that was settled then, is not read again (the rules: src/platform/cache.ts). */
export async function readJson<T>(
  fs: FileSystem,
  path: string,
  known?: (text: string) => T | undefined,
  memo?: { cache: Cache; now(): Date },
): Promise<{ value: T; text: string; cached?: boolean } | null> {
  if (known && memo) {
    const st = await fs.stat(path);
    if (!st) return null;
    const id = identity(st);
    const files = memo.cache.memo<{ text: string; safe: boolean }>("files");
    const seen = id ? files.get(path, id) : undefined;
    if (seen?.safe) {
      const hit = known(seen.text);
      if (hit !== undefined) return { value: hit, text: seen.text, cached: true };
    }
    const got = await readJsonFile<T>(fs, path, known);
    if (got?.cached && id) {
      files.set(path, id, { text: got.text, safe: settled(st.mtimeMs, memo.now().getTime()) });
    }
    return got;
  }
  return await readJsonFile<T>(fs, path, known);
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
