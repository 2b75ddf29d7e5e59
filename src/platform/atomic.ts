/**
 * Atomic replacement of a file: write a temp file in the same folder (keeping the mode), fsync,
 * rename over the target, fsync the folder. A crash leaves the old or the new file, never a torn one;
 * a leftover temp file is harmless and removed on failure when possible.
 */
import { basename, dirname, join } from "./path.ts";
import type { FileSystem } from "./fs.ts";

/** Name of a temp file beside `target` (dot-prefixed, recognisable, unique). */
export function tempNameFor(target: string): string {
  const rand = crypto.getRandomValues(new Uint32Array(2)).join("");
  return join(dirname(target), `.${basename(target)}.mcpo-tmp-${rand}`);
}

export interface AtomicWriteOptions {
  /** Mode of the new file; default: the existing file's mode, else 0o644. */
  mode?: number;
  /** Called after the temp file is durable and before the rename (compare-and-swap hook). */
  beforeRename?: () => Promise<void>;
}

/** Atomically replaces `target` with `data`. */
export async function writeAtomic(
  fs: FileSystem,
  target: string,
  data: Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const existing = opts.mode === undefined ? await fs.stat(target) : null;
  const mode = opts.mode ?? existing?.mode ?? 0o644;
  const tmp = tempNameFor(target);
  try {
    await fs.writeFile(tmp, data, { mode, createNew: true, sync: true });
    // The umask may have narrowed the mode at creation.
    await fs.chmod(tmp, mode);
    if (opts.beforeRename) await opts.beforeRename();
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.remove(tmp).catch(() => {});
    throw e;
  }
  await fs.syncDir(dirname(target));
}
