/**
 * The memos of verified state, with one owner: a `Cache` lives in `Deps` (built once per CLI command,
 * once for the whole MCP server, once per test), so nothing is remembered across two of them. Every
 * invalidation rule is here:
 *
 * - An entry holds a value and the `stamp` it was computed for; `get(key, stamp)` returns it only for
 *   that exact stamp. The stamp is what the value is a pure function of: the exact bytes, the public key
 *   PEM that verified them, or a file's identity (inode, size, mtime, ctime).
 * - A file's identity stands in for its bytes only when the file was `settled` (modified more than
 *   {@link RACY_MS} before we looked, as git does for its index: a rewrite within the same clock tick
 *   would keep its identity). The clock is the deps' clock, so tests age a file without sleeping.
 * - A memo that reaches its bound is emptied (no LRU: the bounds are far above one state folder's size).
 * - Values are frozen (deeply) when stored: a caller that changed a recalled value would change every
 *   later answer, so it throws instead.
 *
 * Two memos stay module-level on purpose, as they can never be stale: the normalised built-in catalogue
 * (registry/catalog.ts: embedded, immutable data) and imported public keys (core/signing.ts: a pure
 * function of the PEM text).
 */
import type { FileInfo } from "./fs.ts";

/** How long after its last modification a file's identity is trusted to stand for its bytes. */
export const RACY_MS = 2000;

/** True when a file modified at `mtimeMs` was modified long enough before `nowMs` that a rewrite would
 * change its identity: the only files whose identity may stand in for their bytes. */
export function settled(mtimeMs: number | null, nowMs: number): boolean {
  return mtimeMs !== null && nowMs - mtimeMs > RACY_MS;
}

/** A file's identity (inode, size, mtime, ctime) for a stamp; null where the platform lacks one of them
 * (then the file is always read). */
export function identity(st: FileInfo): string | null {
  if (!st.isFile || st.ino == null || st.ctimeMs == null || st.mtimeMs === null) return null;
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The memos, by what they hold, and their bounds. */
const BOUNDS = {
  /** Verified state files by path; stamp: the file's identity when its bytes were read (json_file.ts). */
  files: 50_000,
  /** Records that passed every check, by their exact bytes; stamp: the PEM that verified them. */
  records: 20_000,
  /** The key id of a trusted key file, by its exact text; stamp: "" (a pure function of the text). */
  keyIds: 1_000,
  /** The parsed deployment log of a client; stamp: the log's exact text. */
  logs: 1_000,
  /** A verified profile index with its head, by client/profile; stamp: both files' identities and the PEM. */
  indexPairs: 10_000,
} as const;

export type MemoName = keyof typeof BOUNDS;

/** Freezes `v` and everything reachable from it; returns it. A lazy property (core/lazy.ts: a getter
 * that replaces itself with its value on first read) is neither read nor frozen: its object gets no new
 * properties and its other properties are made read-only, so the getter can still settle. */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== "object" || v === null || Object.isFrozen(v)) return v;
  const props = Object.getOwnPropertyDescriptors(v);
  if (Object.values(props).some((d) => d.get)) {
    for (const [k, d] of Object.entries(props)) {
      if ("value" in d) Object.defineProperty(v, k, { writable: false, configurable: false });
    }
    Object.preventExtensions(v);
  } else Object.freeze(v);
  for (const d of Object.values(props)) if ("value" in d) deepFreeze(d.value);
  return v;
}

/** One bounded memo of stamped, frozen values. */
export class Memo<V> {
  readonly #entries = new Map<string, { stamp: string; value: V }>();
  constructor(readonly max: number) {}

  /** The value stored for `key` with exactly this `stamp`, if any. */
  get(key: string, stamp: string): V | undefined {
    const hit = this.#entries.get(key);
    return hit && hit.stamp === stamp ? hit.value : undefined;
  }

  /** The value stored for `key` whatever its stamp (to learn which key verified some bytes before
   * checking them with it), if any. */
  any(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** Stores `value` (frozen) for `key` and `stamp`; returns it. */
  set(key: string, stamp: string, value: V): V {
    if (this.#entries.size >= this.max && !this.#entries.has(key)) this.#entries.clear();
    this.#entries.set(key, { stamp, value: deepFreeze(value) });
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Every memo of one Deps. */
export class Cache {
  readonly #memos = new Map<MemoName, Memo<unknown>>();

  /** The memo `name` (created empty on first use). */
  memo<V>(name: MemoName): Memo<V> {
    let m = this.#memos.get(name);
    if (!m) this.#memos.set(name, m = new Memo(BOUNDS[name]));
    return m as Memo<V>;
  }
}
