/**
 * The edit a deploy makes to a client file: set the artifact's entries, remove entries we deployed
 * before that the artifact no longer has, leave everything else. An unmanaged entry of the same name,
 * a managed entry edited by hand, or one deleted by hand from a file that still exists, is a conflict
 * (drift) unless forced.
 */
import { canonicalJson } from "../core/canonical_json.ts";
import { sha256Hex } from "../core/digest.ts";
import { type FieldChange, fieldChanges } from "../core/diff.ts";
import type { Codec, NativeEntry, ServersLocation } from "../clients/types.ts";
import { hasOwn, setOwn } from "../clients/codecs/shared.ts";

export interface Conflict {
  server: string;
  /** unmanaged: an entry we never wrote has the name; edited: ours changed by hand; deleted: ours was
   * removed from the file by hand (a plain deploy would silently put it back). */
  kind: "unmanaged" | "edited" | "deleted";
  differences: FieldChange[];
}

export interface Plan {
  newText: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  conflicts: Conflict[];
  /** name -> hash of every entry we manage after the edit. */
  managed: Record<string, string>;
}

/** What `entryHash` gives an entry holding a value JSON has no form for: no SHA-256 digest equals it. */
export const NOT_JSON_HASH = "not-json";

/** True for JSON data: null, booleans, strings, finite numbers, arrays and plain objects of them. */
export function isJsonData(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonData);
  if (typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v as Record<string, unknown>).every(isJsonData);
}

/**
 * SHA-256 of an entry's canonical JSON: what the deployment log remembers instead of values. An entry
 * read from a file may hold what JSON cannot (a date, an integer past 2^53, inf, nan, binary): it is
 * never canonicalised (a date would read as `{}`), its hash is NOT_JSON_HASH, which differs from the
 * hash of every entry we write, so such an entry is never taken for ours.
 */
export function entryHash(e: unknown): Promise<string> {
  return isJsonData(e) ? sha256Hex(canonicalJson(e)) : Promise.resolve(NOT_JSON_HASH);
}

/** A value of a file shown in a drift report: JSON has no form for a big integer, inf, nan or binary. */
function shown(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return v.map(shown);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (ArrayBuffer.isView(v)) return `(${v.byteLength} bytes)`;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, shown((v as Record<string, unknown>)[k]));
    return out;
  }
  return v;
}

/** Field differences between what we would write and what the file holds, each value shown as JSON. */
function differences(ours: unknown, disk: unknown): FieldChange[] {
  return fieldChanges(ours, disk).map((d) => ({ path: d.path, old: shown(d.old), new: shown(d.new) }));
}

export interface PlanInput {
  codec: Codec;
  loc: ServersLocation;
  text: string;
  desired: Record<string, NativeEntry>;
  /** The managed set of the last deployment to this file. */
  managed: Record<string, string>;
  /** Names deploys never remove (our own `connect` entry). */
  pinned: string[];
  force: boolean;
  /** The file exists: an entry of the managed set missing from it was deleted by hand (a missing file is
   * `missing-file` to status, and a deploy writes it anew). */
  fileExists?: boolean;
  /** The client's skeleton for a new file (ClientRecord.newFile): what an empty or missing file becomes
   * before the entries go in. */
  newFile?: string;
}

/** The text a write starts from: the client's skeleton when the file is missing or holds only
 * whitespace (Continue refuses a config.yaml of `mcpServers` alone), else the file as it is. */
export function startText(text: string, newFile: string | undefined): string {
  return newFile !== undefined && text.trim() === "" ? newFile : text;
}

export async function planEdit(p: PlanInput): Promise<Plan> {
  const current = p.codec.readServers(p.text, p.loc);
  const has = (n: string) => hasOwn(current, n);
  const out: Plan = {
    newText: p.text,
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
    conflicts: [],
    managed: {},
  };
  const changes: Record<string, NativeEntry | null> = {};
  // Every hash at once: one digest at a time cost ~0.1 ms each (50 ms for a 500-server deploy). Only
  // the file's entries a deploy is about (the names it writes or wrote) are hashed: the others are
  // someone else's, never read as values (they may hold what JSON cannot, e.g. a TOML date).
  const hashes = (o: Record<string, unknown>, names: string[]) =>
    Promise.all(names.map(async (n) => [n, await entryHash(o[n])] as const)).then((kv) => new Map(kv));
  const ours = new Set([...Object.keys(p.desired), ...Object.keys(p.managed)]);
  const [desiredHash, diskHash] = await Promise.all([
    hashes(p.desired, Object.keys(p.desired)),
    hashes(current, Object.keys(current).filter((n) => ours.has(n))),
  ]);
  for (const [name, entry] of Object.entries(p.desired)) {
    const h = desiredHash.get(name)!;
    out.managed[name] = h;
    if (!has(name)) {
      if (p.fileExists && hasOwn(p.managed, name)) {
        out.conflicts.push({ server: name, kind: "deleted", differences: differences(entry, undefined) });
      }
      out.added.push(name);
      changes[name] = entry;
      continue;
    }
    const onDisk = diskHash.get(name)!;
    if (onDisk === h) {
      out.unchanged.push(name);
      continue;
    }
    const last = hasOwn(p.managed, name) ? p.managed[name] : undefined;
    if (last !== onDisk) {
      out.conflicts.push({
        server: name,
        kind: last ? "edited" : "unmanaged",
        differences: differences(entry, current[name]),
      });
    }
    out.updated.push(name);
    changes[name] = entry;
  }
  for (const [name, h] of Object.entries(p.managed)) {
    if (hasOwn(p.desired, name) || p.pinned.includes(name) || !has(name)) continue;
    if (diskHash.get(name) !== h) {
      out.conflicts.push({
        server: name,
        kind: "edited",
        differences: differences(undefined, current[name]),
      });
    }
    out.removed.push(name);
    changes[name] = null;
  }
  if (out.conflicts.length && !p.force) return out;
  // Removals first, then additions and updates: a run of additions is one insertion (the codecs
  // batch it), and a removal after it would re-parse the whole grown file (a 500-server deploy over a
  // one-server file: ~25 ms of its time).
  const ordered: Record<string, NativeEntry | null> = {};
  for (const n of out.removed) ordered[n] = null;
  for (const [n, e] of Object.entries(changes)) if (e !== null) ordered[n] = e;
  if (Object.keys(ordered).length) {
    out.newText = p.codec.writeServers(startText(p.text, p.newFile), p.loc, ordered);
  }
  return out;
}

/**
 * `text` with the list of names at `path` (Gemini CLI's `mcp.excluded`) holding `names` for the servers
 * in `ours`: our names not in `names` are taken out, `names` missing are appended, every other name and
 * byte is kept. The list is created only when a name must go in, and removed when it held only ours.
 */
export function withNameList(
  codec: Codec,
  text: string,
  path: string[],
  ours: Set<string>,
  names: string[],
): string {
  let node: unknown = codec.parse(text);
  for (const k of path) {
    node =
      node && typeof node === "object" && !Array.isArray(node) && hasOwn(node as Record<string, unknown>, k)
        ? (node as Record<string, unknown>)[k]
        : undefined;
  }
  if (node !== undefined && !Array.isArray(node)) return text; // not a list: the user's, left as it is
  const current = Array.isArray(node) ? node : [];
  const kept = current.filter((n) => typeof n !== "string" || !ours.has(n) || names.includes(n));
  const next = [...kept, ...names.filter((n) => !kept.includes(n))];
  if (next.length === current.length && next.every((n, i) => n === current[i])) return text;
  if (!codec.writeValue) throw new Error(`a list of names cannot be written in ${codec.format}`);
  const value = next.length === 0 && current.every((n) => typeof n === "string" && ours.has(n)) ? null : next;
  return codec.writeValue(text, path, value);
}
