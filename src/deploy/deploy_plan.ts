/**
 * The edit a deploy makes to a client file: set the artifact's entries, remove entries we deployed
 * before that the artifact no longer has, leave everything else. An unmanaged entry of the same name,
 * or a managed entry edited by hand, is a conflict (drift) unless forced.
 */
import { canonicalJson } from "../core/canonical_json.ts";
import { sha256Hex } from "../core/digest.ts";
import { type FieldChange, fieldChanges } from "../core/diff.ts";
import type { Codec, NativeEntry, ServersLocation } from "../clients/types.ts";
import { hasOwn } from "../clients/codecs/shared.ts";

export interface Conflict {
  server: string;
  kind: "unmanaged" | "edited";
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

/** SHA-256 of an entry's canonical JSON: what the deployment log remembers instead of values. */
export function entryHash(e: unknown): Promise<string> {
  return sha256Hex(canonicalJson(e));
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
  // Every hash at once: one digest at a time cost ~0.1 ms each (50 ms for a 500-server deploy).
  const hashes = (o: Record<string, unknown>) =>
    Promise.all(Object.keys(o).map(async (n) => [n, await entryHash(o[n])] as const)).then((kv) =>
      new Map(kv)
    );
  const [desiredHash, diskHash] = await Promise.all([hashes(p.desired), hashes(current)]);
  for (const [name, entry] of Object.entries(p.desired)) {
    const h = desiredHash.get(name)!;
    out.managed[name] = h;
    if (!has(name)) {
      out.added.push(name);
      changes[name] = entry;
      continue;
    }
    const onDisk = diskHash.get(name)!;
    if (onDisk === h) {
      out.unchanged.push(name);
      continue;
    }
    const ours = hasOwn(p.managed, name) ? p.managed[name] : undefined;
    if (ours !== onDisk) {
      out.conflicts.push({
        server: name,
        kind: ours ? "edited" : "unmanaged",
        differences: fieldChanges(entry, current[name]),
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
        differences: fieldChanges(undefined, current[name]),
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
  if (Object.keys(ordered).length) out.newText = p.codec.writeServers(p.text, p.loc, ordered);
  return out;
}
