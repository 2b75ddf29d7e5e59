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
  };
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

function syncOrNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** The real file system. Reads use Deno's synchronous calls (small files: ~10x cheaper than a trip
 * through the async pool, which dominated the MCP server's read latency); writes stay asynchronous. */
export const realFs: FileSystem = {
  readFile: (p) => {
    try {
      return Promise.resolve(Deno.readFileSync(p));
    } catch (e) {
      return Promise.reject(e);
    }
  },
  async writeFile(p, data, opts = {}) {
    const f = await Deno.open(p, {
      write: true,
      create: true,
      createNew: opts.createNew,
      append: opts.append,
      truncate: !opts.append,
      mode: opts.mode,
    });
    try {
      let off = 0;
      while (off < data.length) off += await f.write(data.subarray(off));
      if (opts.sync) await f.sync();
    } finally {
      f.close();
    }
  },
  stat: (p) => {
    try {
      const s = syncOrNull(() => Deno.statSync(p));
      return Promise.resolve(s ? info(s) : null);
    } catch (e) {
      return Promise.reject(e);
    }
  },
  lstat: (p) => {
    try {
      const s = syncOrNull(() => Deno.lstatSync(p));
      return Promise.resolve(s ? info(s) : null);
    } catch (e) {
      return Promise.reject(e);
    }
  },
  realPath: (p) => {
    try {
      return Promise.resolve(Deno.realPathSync(p));
    } catch (e) {
      return Promise.reject(e);
    }
  },
  readDir(p) {
    try {
      const names = syncOrNull(() => [...Deno.readDirSync(p)].map((e) => e.name)) ?? [];
      return Promise.resolve(names.sort());
    } catch (e) {
      return Promise.reject(e);
    }
  },
  mkdir: (p, mode) => Deno.mkdir(p, { recursive: true, mode }),
  async remove(p) {
    await orNull(Deno.remove(p));
  },
  rename: (a, b) => Deno.rename(a, b),
  chmod: async (p, mode) => {
    if (Deno.build.os !== "windows") await Deno.chmod(p, mode);
  },
  async syncDir(p) {
    if (Deno.build.os === "windows") return;
    const f = await Deno.open(p, { read: true });
    try {
      await f.sync();
    } catch {
      // Some file systems refuse fsync on a folder; the rename is still atomic.
    } finally {
      f.close();
    }
  },
  async tryLock(p, note) {
    const f = await Deno.open(p, { read: true, write: true, create: true, mode: 0o600 });
    let ok = false;
    try {
      ok = await f.tryLock(true);
      if (ok) {
        await f.truncate(0);
        await f.write(new TextEncoder().encode(note));
      }
    } finally {
      if (!ok) f.close();
    }
    if (!ok) return null;
    return {
      async release() {
        try {
          await f.unlock();
        } finally {
          f.close();
        }
      },
    };
  },
};
