/**
 * The one file-system interface of the program. `realFs` is the only implementation that touches
 * Deno's file APIs; `scopedFs` (scoped_fs.ts) narrows it to the allowed places; tests wrap it to make
 * the k-th call fail (fault_fs.ts).
 */

export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
  /** Permission bits (null on Windows). */
  mode: number | null;
  size: number;
  mtimeMs: number | null;
  /** Change time and inode (null where the platform has none): with size and mtime, the file's identity. */
  ctimeMs?: number | null;
  ino?: number | null;
  /** Device and number of hard links (null where the platform has none): two names of one file share
   * dev and ino; a file with nlink > 1 has another name somewhere. */
  dev?: number | null;
  nlink?: number | null;
  /** Owner's user id (null on Windows). */
  uid?: number | null;
}

export interface WriteOptions {
  /** Permission bits for a created file. */
  mode?: number;
  /** Fail with AlreadyExists when the file exists. */
  createNew?: boolean;
  /** Append instead of truncating. */
  append?: boolean;
  /** fsync the file before closing. */
  sync?: boolean;
}

/** An exclusive advisory lock on an open file; the OS releases it if the process dies. */
export interface LockHandle {
  release(): Promise<void>;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** The last `n` bytes of a file (all of it when shorter). */
  readTail(path: string, n: number): Promise<Uint8Array>;
  /** At most `length` bytes from byte `offset` (fewer at the end of the file): a window of a file that
   * may be large (a log), never the whole of it. */
  readAt(path: string, offset: number, length: number): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, opts?: WriteOptions): Promise<void>;
  /** Follows symlinks; null when nothing is there. */
  stat(path: string): Promise<FileInfo | null>;
  /** Does not follow symlinks; null when nothing is there. */
  lstat(path: string): Promise<FileInfo | null>;
  realPath(path: string): Promise<string>;
  /** Entry names; empty when the folder is missing. */
  readDir(path: string): Promise<string[]>;
  /** Creates the folder and its parents. */
  mkdir(path: string, mode?: number): Promise<void>;
  /** Removes a file; no error when missing. */
  remove(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** fsync a folder so a rename in it is durable (no-op where unsupported). */
  syncDir(path: string): Promise<void>;
  /** Tries to take an exclusive lock on `path` (created if missing, holding `note`); null when held. */
  tryLock(path: string, note: string): Promise<LockHandle | null>;
}

function info(s: Deno.FileInfo): FileInfo {
  return {
    isFile: s.isFile,
    isDirectory: s.isDirectory,
    isSymlink: s.isSymlink,
    mode: s.mode === null ? null : s.mode & 0o7777,
    size: s.size,
    mtimeMs: s.mtime ? s.mtime.getTime() : null,
    ctimeMs: s.ctime ? s.ctime.getTime() : null,
    ino: s.ino ?? null,
    dev: s.dev ?? null,
    nlink: s.nlink ?? null,
    uid: s.uid ?? null,
  };
}

/** `f()`, or null when what it names does not exist. Existence checks are most of this program's file
 * calls (a client's folders, a state file not written yet) and each miss throws: the error is built
 * without a stack trace (capturing one cost more than the call), and a failure other than NotFound is
 * run again with the trace on, so what is thrown is the ordinary error. */
function syncOrNull<T>(f: () => T): T | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
  } finally {
    Error.stackTraceLimit = limit;
  }
  try {
    return f();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** `f()` run now, as a settled promise (a throw becomes a rejection, as from an async call). */
function now<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** The real file system. Every call uses Deno's synchronous API behind the async interface: for the
 * small files this program touches, a trip through the async pool cost ~10x the call itself (it
 * dominated the MCP server's read latency and ~40 % of a deploy's write protocol). The interface stays
 * asynchronous so that fault injection (tests/stress) and the scoped wrapper compose over it. */
export const realFs: FileSystem = {
  readFile: (p) => now(() => Deno.readFileSync(p)),
  readTail: (p, n) =>
    now(() => {
      const f = Deno.openSync(p, { read: true });
      try {
        const size = f.statSync().size;
        const want = Math.min(n, size);
        f.seekSync(size - want, Deno.SeekMode.Start);
        const out = new Uint8Array(want);
        let off = 0;
        while (off < want) {
          const got = f.readSync(out.subarray(off));
          if (got === null) break;
          off += got;
        }
        return out.subarray(0, off);
      } finally {
        f.close();
      }
    }),
  readAt: (p, offset, length) =>
    now(() => {
      const f = Deno.openSync(p, { read: true });
      try {
        f.seekSync(offset, Deno.SeekMode.Start);
        const out = new Uint8Array(Math.max(0, length));
        let off = 0;
        while (off < out.length) {
          const got = f.readSync(out.subarray(off));
          if (got === null) break;
          off += got;
        }
        return out.subarray(0, off);
      } finally {
        f.close();
      }
    }),
  writeFile: (p, data, opts = {}) =>
    now(() => {
      const f = Deno.openSync(p, {
        write: true,
        create: true,
        createNew: opts.createNew,
        append: opts.append,
        truncate: !opts.append,
        mode: opts.mode,
      });
      try {
        let off = 0;
        while (off < data.length) off += f.writeSync(data.subarray(off));
        if (opts.sync) f.syncSync();
      } finally {
        f.close();
      }
    }),
  stat: (p) =>
    now(() => {
      const s = syncOrNull(() => Deno.statSync(p));
      return s ? info(s) : null;
    }),
  lstat: (p) =>
    now(() => {
      const s = syncOrNull(() => Deno.lstatSync(p));
      return s ? info(s) : null;
    }),
  realPath: (p) => now(() => Deno.realPathSync(p)),
  readDir: (p) => now(() => (syncOrNull(() => [...Deno.readDirSync(p)].map((e) => e.name)) ?? []).sort()),
  mkdir: (p, mode) => now(() => Deno.mkdirSync(p, { recursive: true, mode })),
  remove: (p) => now(() => void syncOrNull(() => Deno.removeSync(p))),
  rename: (a, b) => now(() => Deno.renameSync(a, b)),
  chmod: (p, mode) => now(() => Deno.build.os !== "windows" && Deno.chmodSync(p, mode)).then(() => {}),
  syncDir: (p) =>
    now(() => {
      if (Deno.build.os === "windows") return;
      const f = Deno.openSync(p, { read: true });
      try {
        f.syncSync();
      } catch {
        // Some file systems refuse fsync on a folder; the rename is still atomic.
      } finally {
        f.close();
      }
    }),
  tryLock: (p, note) =>
    now(() => {
      const f = Deno.openSync(p, { read: true, write: true, create: true, mode: 0o600 });
      let ok = false;
      try {
        ok = f.tryLockSync(true);
        if (ok) {
          f.truncateSync(0);
          f.writeSync(new TextEncoder().encode(note));
        }
      } finally {
        if (!ok) f.close();
      }
      if (!ok) return null;
      return {
        release: () =>
          now(() => {
            try {
              f.unlockSync();
            } finally {
              f.close();
            }
          }),
      };
    }),
};
