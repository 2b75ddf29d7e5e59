/**
 * `backups/<sha256>`: the exact pre-image of every client file we changed (mode 0600), named by the
 * SHA-256 of its true bytes. Secret values we know (secrets.json) are stored as placeholders
 * (`\0mcpo-secret:NAME\0`) so no secret value lands in the state folder outside secrets.json; reading
 * a backup puts the values back and checks the bytes against the name.
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "./layout.ts";

const MARK = "\0mcpo-secret:";
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

/** The bytes with each known secret value (>= 4 chars) replaced by its placeholder. */
export function scrub(bytes: Uint8Array, secrets: Record<string, string>): Uint8Array {
  let text: string;
  try {
    text = dec.decode(bytes);
  } catch {
    return bytes;
  }
  if (text.includes("\0")) return bytes;
  const entries = Object.entries(secrets).filter(([, v]) => v.length >= 4).sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of entries) text = text.split(value).join(`${MARK}${name}\0`);
  return enc.encode(text);
}

/** The inverse of scrub; unknown names stay as placeholders (and the hash check then fails). */
export function unscrub(bytes: Uint8Array, secrets: Record<string, string>): Uint8Array {
  let text: string;
  try {
    text = dec.decode(bytes);
  } catch {
    return bytes;
  }
  if (!text.includes(MARK)) return bytes;
  return enc.encode(text.replace(/\0mcpo-secret:([^\0]*)\0/g, (m, name: string) => secrets[name] ?? m));
}

/** Saves a pre-image once; returns its path. */
export async function saveBackup(deps: Deps, bytes: Uint8Array, sha: string, secrets: Record<string, string>) {
  const l = layout(deps.home);
  const path = l.backup(sha);
  if (await deps.fs.stat(path)) return path;
  await deps.fs.mkdir(l.backupsDir, 0o700);
  await writeAtomic(deps.fs, path, scrub(bytes, secrets), { mode: 0o600 });
  return path;
}

/** The exact bytes of a backup, checked against its hash. */
export async function loadBackup(deps: Deps, sha: string, secrets: Record<string, string>): Promise<Uint8Array> {
  let stored: Uint8Array;
  try {
    stored = await deps.fs.readFile(layout(deps.home).backup(sha));
  } catch {
    throw new AppError("backup_not_found", `The backup ${sha.slice(0, 12)}… is missing`, { sha256: sha });
  }
  const bytes = unscrub(stored, secrets);
  if ((await sha256Hex(bytes)) !== sha) {
    throw new AppError(
      "integrity_error",
      `The backup ${sha.slice(0, 12)}… does not match its hash (damaged, or a secret it held was changed since)`,
      { sha256: sha },
    );
  }
  return bytes;
}
