/**
 * Errors are values with a stable `code`, a message that names the action and quotes the value,
 * and `details`. Both doors (CLI and MCP) print the same `{error, message, details}` object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AppError, exitCodeFor } from "./errors.ts";
 * const e = new AppError("client_not_found", `Unknown client "foo"`, { known: ["cursor"] });
 * assert.equal(exitCodeFor(e.code), 3);
 * ```
 */

/** Every error code and the process exit code it maps to (the one table). */
export const EXIT_CODES = {
  invalid_input: 2,
  usage: 2,
  client_not_found: 3,
  profile_not_found: 3,
  artifact_not_found: 3,
  server_not_found: 3,
  deployment_not_found: 3,
  draft_not_found: 3,
  key_not_found: 3,
  remote_not_found: 3,
  backup_not_found: 3,
  validation_failed: 4,
  signature_invalid: 5,
  integrity_error: 5,
  untrusted_key: 5,
  index_invalid: 5,
  remote_invalid: 5,
  rollback_refused: 5,
  drift_detected: 6,
  shadowed: 6,
  conflict: 6,
  concurrent_write: 6,
  lock_timeout: 6,
  already_exists: 6,
  push_rejected: 6,
  config_parse_error: 7,
  unreadable_file: 7,
  path_not_allowed: 8,
  check_failed: 9,
  git_failed: 1,
  internal_error: 1,
  io_error: 1,
} as const;

export type ErrorCode = keyof typeof EXIT_CODES;

/** A failure with a stable code; `details` must never hold secret values. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** The JSON document a failure prints: `{error, message, details}`. */
export interface ErrorDocument {
  error: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** Names of the runtime's operating-system error classes (NotFound, PermissionDenied...). */
const OS_ERROR_NAMES = new Set([
  "NotFound",
  "PermissionDenied",
  "AlreadyExists",
  "InvalidData",
  "TimedOut",
  "Interrupted",
  "WriteZero",
  "UnexpectedEof",
  "BadResource",
  "Busy",
  "NotSupported",
  "FilesystemLoop",
  "IsADirectory",
  "NotADirectory",
]);

/** True for a raw error from the operating system (a Deno error class, or an `E...` errno code). */
export function isOsError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  return OS_ERROR_NAMES.has(e.name) || (typeof code === "string" && /^E[A-Z0-9]+$/.test(code));
}

/** Turns anything thrown into an error document: a raw operating-system error is `io_error` (with its
 * errno code), anything else unknown is `internal_error`. */
export function toErrorDocument(e: unknown): ErrorDocument {
  if (e instanceof AppError) return { error: e.code, message: e.message, details: e.details };
  const message = e instanceof Error ? e.message : String(e);
  if (isOsError(e)) {
    const code = (e as { code?: unknown }).code;
    return { error: "io_error", message, details: typeof code === "string" ? { os_code: code } : {} };
  }
  return { error: "internal_error", message, details: {} };
}

/** The process exit code for an error code: 0 ok, 2 usage, 3 not found, 4 validation, 5 signature,
 * 6 drift/conflict/shadowed, 7 unreadable file, 8 path not allowed, 9 a server check failed (doctor),
 * 1 anything else. */
export function exitCodeFor(code: string): number {
  return (EXIT_CODES as Record<string, number>)[code] ?? 1;
}
