/**
 * Serialising writers: an exclusive OS advisory lock on a lock file holding the holder's pid and
 * start time. A crashed holder's lock is released by the OS, so no lock can stay stuck forever.
 */
import { AppError } from "../core/errors.ts";
import type { FileSystem, LockHandle } from "./fs.ts";

export interface LockOptions {
  /** Give up after this many milliseconds (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** Runs `fn` while holding the lock at `lockPath`. */
export async function withLock<T>(
  fs: FileSystem,
  lockPath: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const handle = await acquire(fs, lockPath, opts);
  try {
    return await fn();
  } finally {
    await handle.release();
  }
}

async function acquire(fs: FileSystem, lockPath: string, opts: LockOptions): Promise<LockHandle> {
  const now = opts.now ?? Date.now;
  const deadline = now() + (opts.timeoutMs ?? 15_000);
  const note = JSON.stringify({ pid: Deno.pid, time: new Date(now()).toISOString() }) + "\n";
  let wait = 2;
  for (;;) {
    const h = await fs.tryLock(lockPath, note);
    if (h) return h;
    if (now() >= deadline) {
      let holder = "";
      try {
        holder = new TextDecoder().decode(await fs.readFile(lockPath)).trim();
      } catch { /* unreadable: report without it */ }
      throw new AppError("lock_timeout", `Cannot take the lock "${lockPath}": another process holds it`, {
        lock: lockPath,
        holder,
      });
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 50);
  }
}
