/**
 * A read-only file system over files held in memory: what a pull has fetched is laid out as a state
 * folder here and checked with the store's own verification (verifyArtifact, readIndex), so nothing of a
 * remote touches the disk of the store before every check has passed. Writes are refused.
 */
import type { FileInfo, FileSystem } from "../platform/fs.ts";

export function memFs(files: Map<string, Uint8Array>): FileSystem {
  const dirs = new Set<string>();
  for (const p of files.keys()) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const info = (p: string): FileInfo | null => {
    const f = files.get(p);
    if (f) {
      return {
        isFile: true,
        isDirectory: false,
        isSymlink: false,
        mode: 0o644,
        size: f.length,
        mtimeMs: null,
      };
    }
    if (dirs.has(p)) {
      return { isFile: false, isDirectory: true, isSymlink: false, mode: 0o755, size: 0, mtimeMs: null };
    }
    return null;
  };
  const notFound = (p: string) => new Deno.errors.NotFound(`No such file: ${p}`);
  const readOnly = () => Promise.reject(new Deno.errors.PermissionDenied("read-only file system"));
  return {
    readFile: (p) => files.has(p) ? Promise.resolve(files.get(p)!) : Promise.reject(notFound(p)),
    readTail: (p, n) => files.has(p) ? Promise.resolve(files.get(p)!.slice(-n)) : Promise.reject(notFound(p)),
    readAt: (p, o, n) =>
      files.has(p) ? Promise.resolve(files.get(p)!.slice(o, o + n)) : Promise.reject(notFound(p)),
    writeFile: readOnly,
    stat: (p) => Promise.resolve(info(p)),
    lstat: (p) => Promise.resolve(info(p)),
    realPath: (p) => Promise.resolve(p),
    readDir: (p) => {
      const prefix = `${p}/`;
      const names = new Set<string>();
      for (const f of [...files.keys(), ...dirs]) {
        if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]);
      }
      return Promise.resolve([...names].sort());
    },
    mkdir: readOnly,
    remove: readOnly,
    rename: readOnly,
    chmod: readOnly,
    syncDir: () => Promise.resolve(),
    tryLock: readOnly,
  };
}
