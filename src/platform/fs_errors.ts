/**
 * Raw operating-system errors (EIO, ENOSPC, EACCES, ENOTDIR...) become `io_error` AppErrors that say
 * what failed: the operation, the path and the system's reason. `NotFound` passes through unchanged
 * (callers use it to mean "missing"), and so does an AppError (it already has its stable code).
 *
 * @example A full disk while writing a client file
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapFsError } from "./fs_errors.ts";
 * const raw = Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
 * const e = mapFsError(raw, "write", "/home/me/.cursor/mcp.json") as Error & { code: string };
 * assert.equal(e.code, "io_error");
 * // e.message: Cannot write "/home/me/.cursor/mcp.json": no space left on device (ENOSPC)
 * ```
 */
import { AppError } from "../core/errors.ts";

/** What each FileSystem method does, in words for a message. */
export const FS_VERBS: Record<string, string> = {
  readFile: "read",
  readTail: "read",
  readAt: "read",
  writeFile: "write",
  stat: "inspect",
  lstat: "inspect",
  realPath: "resolve",
  readDir: "list the folder",
  mkdir: "create the folder",
  remove: "remove",
  rename: "rename",
  chmod: "change the mode of",
  syncDir: "flush the folder",
  tryLock: "lock",
};

/** `ENOSPC`-style code of a raw error, when it has one. */
export function osCodeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** The system's reason without Deno's trailing `(os error N): op 'path'` part, lower-cased first letter. */
export function reasonOf(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const head = raw.replace(/\s*\(os error \d+\).*$/s, "").replace(/:\s*\w+\s+'[^']*'.*$/s, "").trim() || raw;
  const text = head.charAt(0).toLowerCase() + head.slice(1);
  const code = osCodeOf(e);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

/** The error to throw for a failed file-system call: unchanged for NotFound and AppError, else io_error. */
export function mapFsError(e: unknown, method: string, path: string, to?: string): unknown {
  if (e instanceof AppError || e instanceof Deno.errors.NotFound) return e;
  const verb = FS_VERBS[method] ?? method;
  const where = to === undefined ? `"${path}"` : `"${path}" to "${to}"`;
  return new AppError("io_error", `Cannot ${verb} ${where}: ${reasonOf(e)}`, {
    operation: method,
    path,
    ...(to === undefined ? {} : { to }),
    ...(osCodeOf(e) ? { os_code: osCodeOf(e) } : {}),
  });
}
