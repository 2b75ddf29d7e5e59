/**
 * The scoped file system: every path the program touches goes through here. Allowed are the state
 * folder (a whole tree), the known client config files (the file, dot-prefixed temp files beside it and
 * the folders above it, to create them) and files the user named on the command line. Containment is
 * checked on resolved real paths, segment by segment; NUL bytes and `..` segments are refused. A
 * symlinked config file is followed only when its real target stays inside an allowed place.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "./path.ts";
import { AppError } from "../core/errors.ts";
import type { FileInfo, FileSystem, LockHandle, WriteOptions } from "./fs.ts";
import { mapFsError } from "./fs_errors.ts";
import { FolderGuard } from "./folder_guard.ts";

/** True when `child` is `parent` or inside it, by whole path segments. */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Refuses NUL bytes, relative paths and `..` segments; returns the normalised path. */
export function checkPathSyntax(path: string): string {
  if (typeof path !== "string" || path.length === 0 || path.includes("\0")) {
    throw new AppError(
      "path_not_allowed",
      `Path ${JSON.stringify(path)} is not allowed: empty or holds a NUL byte`,
      {
        path,
      },
    );
  }
  if (!isAbsolute(path)) {
    throw new AppError("path_not_allowed", `Path "${path}" is not allowed: it must be absolute`, { path });
  }
  if (path.split(/[\\/]+/).includes("..")) {
    throw new AppError("path_not_allowed", `Path "${path}" is not allowed: it holds a ".." segment`, {
      path,
    });
  }
  return resolve(path);
}

/** A path the user typed (absolute or relative to the current folder): NUL bytes and `..` segments are
 * refused before anything else; returns the absolute path. */
export function checkUserPath(raw: string, cwd: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.includes("\0")) {
    throw new AppError(
      "path_not_allowed",
      `Path ${JSON.stringify(raw)} is not allowed: empty or holds a NUL byte`,
      {
        path: raw,
      },
    );
  }
  if (raw.split(/[\\/]+/).includes("..")) {
    throw new AppError("path_not_allowed", `Path "${raw}" is not allowed: it holds a ".." segment`, {
      path: raw,
    });
  }
  return resolve(cwd, raw);
}

interface FileRule {
  path: string;
  /** Where the real target of a symlinked file may live. */
  linkRoots: string[];
}

/** The allow-list. Build once per command in main.ts; tests build their own. */
export class AccessPolicy {
  private trees: string[] = [];
  private files: FileRule[] = [];
  private readTrees: string[] = [];
  private readFiles: string[] = [];
  private realCache = new Map<string, Promise<string>>();

  private guard: FolderGuard;

  constructor(private fs: FileSystem) {
    this.guard = new FolderGuard(fs);
  }

  /** Allows everything inside `root` (the state folder). */
  allowTree(root: string): this {
    this.trees.push(checkPathSyntax(root));
    return this;
  }

  /** Allows reading everything inside `root` (a client's own log folder, for `logs`): reads only; a
   * write, removal, rename or new folder there is refused with `path_not_allowed`. */
  allowReadTree(root: string): this {
    const p = checkPathSyntax(root);
    if (!this.readTrees.includes(p)) this.readTrees.push(p);
    return this;
  }

  /** Allows reading one file, and looking at the folders above it (is it there, is it a link): a file a
   * client merges with the one we write (src/deploy/shadowing.ts). Never a write there. */
  allowReadFile(path: string): this {
    const p = checkPathSyntax(path);
    if (!this.readFiles.includes(p)) this.readFiles.push(p);
    return this;
  }

  /** Metadata of a folder the user named (a project folder), before anything in it is allowed: one stat
   * that follows symlinks; nothing is read or written. Null when nothing is there. */
  inspect(path: string): Promise<FileInfo | null> {
    const p = checkPathSyntax(path);
    return this.fs.stat(p).catch((e) => {
      throw mapFsError(e, "stat", p);
    });
  }

  /** Allows one file, temp files beside it, and creating the folders above it. */
  allowFile(path: string, linkRoots: string[] = []): this {
    this.files.push({ path: checkPathSyntax(path), linkRoots: linkRoots.map(checkPathSyntax) });
    return this;
  }

  /** Real path of `p`: the real path of its deepest existing ancestor joined with the rest. Every path
   * and ancestor is resolved once (the cache holds the promise, so concurrent checks share the work:
   * list-clients' 20 parallel stats made 932 realPath calls before, 52 now). A path that is not a
   * symlink, or is missing, is the real path of its folder plus its name: one lstat instead of a
   * realpath, which costs a readlink per segment (`status` over 100 profiles made 3,000 of them). */
  resolveReal(p: string): Promise<string> {
    let cached = this.realCache.get(p);
    if (!cached) {
      const parent = dirname(p);
      const viaParent = () => this.resolveReal(parent).then((real) => join(real, basename(p)));
      cached = (parent === p
        ? this.fs.realPath(p)
        : this.fs.lstat(p).then((info) =>
          info?.isSymlink ? this.fs.realPath(p) : viaParent()
        ))
        .catch((e) => {
          // A dangling link, or a loop of links, resolves to itself: the caller finds a link there
          // and refuses it (deploy/client_links.ts) instead of failing with the OS's words here.
          const unresolved = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.FilesystemLoop;
          if (!unresolved) throw mapFsError(e, "realPath", p);
          return parent === p ? p : viaParent();
        });
      cached.catch(() => this.realCache.delete(p));
      this.realCache.set(p, cached);
    }
    return cached;
  }

  /** Decisions already taken: op + path -> the state-tree root it is in (or null: a file rule). */
  private decided = new Map<string, string | null>();

  /** Forget cached real paths and decisions (after this program created or renamed something). */
  forget(): void {
    this.realCache.clear();
    this.decided.clear();
  }

  /** Throws `path_not_allowed` unless `path` is allowed for `op`; returns the normalised path. */
  async check(path: string, op: "read" | "write" | "mkdir"): Promise<string> {
    const key = op + "\0" + path;
    const known = this.decided.get(key);
    if (known !== undefined) {
      // Same inputs, same caches: the same answer; the folder guard still runs (it has its own clock).
      const p = resolve(path);
      if (known !== null) await this.guard.check(known, await this.resolveReal(p));
      return p;
    }
    const p = checkPathSyntax(path);
    const real = await this.resolveReal(p);
    for (const t of this.trees) {
      const root = await this.resolveReal(t);
      if (isWithin(root, real)) {
        await this.guard.check(root, real);
        this.decided.set(key, root);
        return p;
      }
    }
    for (const f of this.files) {
      if (await this.fileAllows(f, p, real, op)) {
        this.decided.set(key, null);
        return p;
      }
    }
    if (op === "read") {
      for (const f of this.readFiles) {
        const fileReal = await this.resolveReal(f);
        if (real === fileReal || isWithin(real, dirname(fileReal))) {
          this.decided.set(key, null);
          return p;
        }
      }
    }
    for (const t of this.readTrees) {
      if (!isWithin(await this.resolveReal(t), real)) continue;
      if (op === "read") {
        this.decided.set(key, null);
        return p;
      }
      throw new AppError(
        "path_not_allowed",
        `Cannot ${op} "${path}": the log folder "${t}" is allowed for reading only`,
        { path, real_path: real },
      );
    }
    throw new AppError(
      "path_not_allowed",
      `Cannot ${op} "${path}": it is outside the state folder and the known client config files`,
      { path, real_path: real },
    );
  }

  private async fileAllows(f: FileRule, p: string, real: string, op: string): Promise<boolean> {
    const fileReal = await this.resolveReal(f.path);
    if (fileReal !== f.path) {
      // A symlink (the file or a folder above it): its target must stay in an allowed place. The file's
      // own folder counts only when it is not itself redirected (a symlinked folder would vouch for
      // wherever it points).
      const parent = dirname(f.path);
      const own = (await this.resolveReal(parent)) === parent ? [parent] : [];
      const roots = [...own, ...f.linkRoots, ...this.trees];
      let ok = false;
      for (const r of roots) if (isWithin(await this.resolveReal(r), fileReal)) ok = true;
      if (!ok) return false;
    }
    if (real === fileReal || p === f.path && real === fileReal) return true;
    const dir = dirname(fileReal);
    if (dirname(real) === dir && basename(real).startsWith(`.${basename(fileReal)}.mcpo-`)) return true;
    if (op === "mkdir" && isWithin(real, dir)) return true;
    // Reading the folders above (to see whether a client looks installed) is harmless.
    return op === "read" && isWithin(real, dir) && real !== fileReal && real.length <= dir.length;
  }
}

/** A FileSystem that checks every path against `policy` before delegating to `inner`; a raw OS error
 * becomes an `io_error` naming the operation and the path (fs_errors.ts). */
export function scopedFs(inner: FileSystem, policy: AccessPolicy): FileSystem {
  const r = (p: string) => policy.check(p, "read");
  const w = (p: string) => policy.check(p, "write");
  const guard = <T>(method: string, path: string, run: () => Promise<T>, to?: string): Promise<T> =>
    run().catch((e) => {
      throw mapFsError(e, method, path, to);
    });
  return {
    readFile: (p) => guard("readFile", p, async () => inner.readFile(await r(p))),
    readTail: (p, n) => guard("readTail", p, async () => inner.readTail(await r(p), n)),
    readAt: (p, o, n) => guard("readAt", p, async () => inner.readAt(await r(p), o, n)),
    writeFile: (p: string, d: Uint8Array, o?: WriteOptions) =>
      guard("writeFile", p, async () => inner.writeFile(await w(p), d, o)),
    stat: (p): Promise<FileInfo | null> => guard("stat", p, async () => inner.stat(await r(p))),
    lstat: (p) => guard("lstat", p, async () => inner.lstat(await r(p))),
    realPath: (p) => guard("realPath", p, async () => inner.realPath(await r(p))),
    readDir: (p) => guard("readDir", p, async () => inner.readDir(await r(p))),
    mkdir: (p, m) =>
      guard("mkdir", p, async () => {
        await inner.mkdir(await policy.check(p, "mkdir"), m);
        policy.forget();
      }),
    remove: (p) => guard("remove", p, async () => inner.remove(await w(p))),
    rename: (a, b) =>
      guard("rename", a, async () => {
        await inner.rename(await w(a), await w(b));
        policy.forget();
      }, b),
    chmod: (p, m) => guard("chmod", p, async () => inner.chmod(await w(p), m)),
    syncDir: (p) => guard("syncDir", p, async () => inner.syncDir(await policy.check(p, "mkdir"))),
    tryLock: (p, n): Promise<LockHandle | null> =>
      guard("tryLock", p, async () => inner.tryLock(await w(p), n)),
  };
}

export { sep };
