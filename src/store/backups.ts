/**
 * `backups/<sha256>`: the exact pre-image of every client file we changed (mode 0600), named by the
 * SHA-256 of its true bytes. Secret values we know (secrets.json) are stored as placeholders
 * (`\0mcpo-secret:NAME@N\0`, N: which value of the secret, so a secret replaced since still comes back)
 * so no secret value lands in the state folder outside secrets.json; reading a backup puts the values
 * back and checks the bytes against the name.
 */
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { writeAtomic } from "../platform/atomic.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "./layout.ts";
import type { SecretBook } from "./secrets.ts";
import { decodeExact } from "../core/utf8.ts";

const MARK = "\0mcpo-secret:";
const enc = new TextEncoder();

/** The bytes with each known secret value (>= 4 chars) replaced by its placeholder. With `retired`
 * (the values each secret had before), every value the secret ever had is replaced, and the placeholder
 * names which one it stood for (`NAME@N`: retired[N], or the current value when N is their count). */
export function scrub(
  bytes: Uint8Array,
  secrets: Record<string, string>,
  retired?: Record<string, string[]>,
): Uint8Array {
  // The exact text (a BOM kept): what is stored must decode back to the very bytes named by the hash.
  let text = decodeExact(bytes);
  if (text === null || text.includes("\0")) return bytes;
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(secrets)) {
    const old = retired && Object.hasOwn(retired, name) ? retired[name] : [];
    entries.push([retired ? `${name}@${old.length}` : name, value]);
    old.forEach((v, i) => entries.push([`${name}@${i}`, v]));
  }
  entries.sort((a, b) => b[1].length - a[1].length);
  for (const [tag, value] of entries) if (value.length >= 4) text = text.split(value).join(`${MARK}${tag}\0`);
  return enc.encode(text);
}

/** The inverse of scrub: `NAME@N` is the N-th value the secret had (`retired`, then the current one);
 * unknown names or versions stay as placeholders (and the hash check then fails). */
export function unscrub(
  bytes: Uint8Array,
  secrets: Record<string, string>,
  retired: Record<string, string[]> = {},
): Uint8Array {
  const text = decodeExact(bytes);
  if (text === null || !text.includes(MARK)) return bytes;
  const valueOf = (name: string, version: string | undefined): string | undefined => {
    const current = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    if (version === undefined) return current;
    const old = Object.hasOwn(retired, name) ? retired[name] : [];
    const n = Number(version);
    return n < old.length ? old[n] : n === old.length ? current : undefined;
  };
  return enc.encode(
    text.replace(
      /\0mcpo-secret:([^\0@]*)(?:@(\d+))?\0/g,
      (m, name: string, v?: string) => valueOf(name, v) ?? m,
    ),
  );
}

/** Saves a pre-image once, known secret values as versioned placeholders; returns its path. */
export async function saveBackup(
  deps: Deps,
  bytes: Uint8Array,
  sha: string,
  book: SecretBook | Record<string, string>,
) {
  const l = layout(deps.home);
  const path = l.backup(sha);
  if (await deps.fs.stat(path)) return path;
  await deps.fs.mkdir(l.backupsDir, 0o700);
  const scrubbed = isBook(book) ? scrub(bytes, book.values, book.retired) : scrub(bytes, book);
  await writeAtomic(deps.fs, path, scrubbed, { mode: 0o600 });
  return path;
}

/** The exact bytes of a backup, checked against its hash. */
export async function loadBackup(
  deps: Deps,
  sha: string,
  book: SecretBook | Record<string, string>,
): Promise<Uint8Array> {
  let stored: Uint8Array;
  try {
    stored = await deps.fs.readFile(layout(deps.home).backup(sha));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new AppError("backup_not_found", `The backup ${sha.slice(0, 12)}… is missing`, { sha256: sha });
  }
  const bytes = isBook(book) ? unscrub(stored, book.values, book.retired) : unscrub(stored, book);
  if ((await sha256Hex(bytes)) === sha) return bytes;
  // Earlier versions stored the pre-image of a file that began with a BOM without it (their decoder
  // dropped it); the name, a hash of the true bytes, says whether putting it back gives them.
  const withBom = new Uint8Array(bytes.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(bytes, 3);
  if ((await sha256Hex(withBom)) === sha) return withBom;
  throw new AppError(
    "integrity_error",
    `The backup ${
      sha.slice(0, 12)
    }… does not match its hash (damaged, or a secret it held was changed since)`,
    { sha256: sha },
  );
}

function isBook(b: SecretBook | Record<string, string>): b is SecretBook {
  return typeof (b as SecretBook).values === "object" && typeof (b as SecretBook).retired === "object";
}
