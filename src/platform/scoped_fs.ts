/**
 * The scoped file system: every path the program touches goes through here. Allowed are the state
 * folder (a whole tree), the known client config files (the file, dot-prefixed temp files beside it and
 * the folders above it, to create them) and files the user named on the command line. Containment is
 * checked on resolved real paths, segment by segment; NUL bytes and `..` segments are refused. A
 * symlinked config file is followed only when its real target stays inside an allowed place.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { AppError } from "../core/errors.ts";
import type { FileInfo, FileSystem, LockHandle, WriteOptions } from "./fs.ts";

/** True when `child` is `parent` or inside it, by whole path segments. */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Refuses NUL bytes, relative paths and `..` segments; returns the normalised path. */
export function checkPathSyntax(path: string): string {
  if (typeof path !== "string" || path.length === 0 || path.includes("\0")) {
    throw new AppError("path_not_allowed", `Path ${JSON.stringify(path)} is not allowed: empty or holds a NUL byte`, {
      path,
    });
  }
  if (!isAbsolute(path)) {
    throw new AppError("path_not_allowed", `Path "${path}" is not allowed: it must be absolute`, { path });
  }
  if (path.split(/[\\/]+/).includes("..")) {
    throw new AppError("path_not_allowed", `Path "${path}" is not allowed: it holds a ".." segment`, { path });
  }
  return resolve(path);
}

/** A path the user typed (absolute or relative to the current folder): NUL bytes and `..` segments are
 * refused before anything else; returns the absolute path. */
export function checkUserPath(raw: string, cwd: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.includes("\0")) {
    throw new AppError("path_not_allowed", `Path ${JSON.stringify(raw)} is not allowed: empty or holds a NUL byte`, {
      path: raw,
    });
  }
  if (raw.split(/[\\/]+/).includes("..")) {
    throw new AppError("path_not_allowed", `Path "${raw}" is not allowed: it holds a ".." segment`, { path: raw });
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
  private realCache = new Map<string, string>();

  constructor(private fs: FileSystem) {}

  /** Allows everything inside `root` (the state folder). */
  allowTree(root: string): this {
    this.trees.push(checkPathSyntax(root));
    return this;
  }

  /** Allows one file, temp files beside it, and creating the folders above it. */
  allowFile(path: string, linkRoots: string[] = []): this {
    this.files.push({ path: checkPathSyntax(path), linkRoots: linkRoots.map(checkPathSyntax) });
    return this;
  }

  /** Real path of `p`: the real path of its deepest existing ancestor joined with the rest. */
  async resolveReal(p: string): Promise<string> {
    const cached = this.realCache.get(p);
    if (cached) return cached;
    let head = p;
    const rest: string[] = [];
    for (;;) {
      try {
        const real = join(await this.fs.realPath(head), ...rest.reverse());
        this.realCache.set(p, real);
        return real;
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
        const parent = dirname(head);
        if (parent === head) return p;
        rest.push(basename(head));
        head = parent;
      }
    }
  }

  /** Forget cached real paths (after this program created or renamed something). */
  forget(): void {
    this.realCache.clear();
  }

  /** Throws `path_not_allowed` unless `path` is allowed for `op`; returns the normalised path. */
  async check(path: string, op: "read" | "write" | "mkdir"): Promise<string> {
    const p = checkPathSyntax(path);
    const real = await this.resolveReal(p);
    for (const t of this.trees) {
      if (isWithin(await this.resolveReal(t), real)) return p;
    }
    for (const f of this.files) {
      if (await this.fileAllows(f, p, real, op)) return p;
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
      // A symlink (the file or a folder above it): its target must stay in an allowed place.
      const roots = [dirname(f.path), ...f.linkRoots, ...this.trees];
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

/** A FileSystem that checks every path against `policy` before delegating to `inner`. */
export function scopedFs(inner: FileSystem, policy: AccessPolicy): FileSystem {
  const r = (p: string) => policy.check(p, "read");
  const w = async (p: string) => {
    const out = await policy.check(p, "write");
    return out;
  };
  return {
    readFile: async (p) => inner.readFile(await r(p)),
    writeFile: async (p: string, d: Uint8Array, o?: WriteOptions) => inner.writeFile(await w(p), d, o),
    stat: async (p): Promise<FileInfo | null> => inner.stat(await r(p)),
    lstat: async (p) => inner.lstat(await r(p)),
    realPath: async (p) => inner.realPath(await r(p)),
    readDir: async (p) => inner.readDir(await r(p)),
    mkdir: async (p, m) => {
      await inner.mkdir(await policy.check(p, "mkdir"), m);
      policy.forget();
    },
    remove: async (p) => inner.remove(await w(p)),
    rename: async (a, b) => {
      await inner.rename(await w(a), await w(b));
      policy.forget();
    },
    chmod: async (p, m) => inner.chmod(await w(p), m),
    syncDir: async (p) => inner.syncDir(await policy.check(p, "mkdir")),
    tryLock: async (p, n): Promise<LockHandle | null> => inner.tryLock(await w(p), n),
  };
}

export { sep };
