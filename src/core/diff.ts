/**
 * Server-level diff of two `{name: entry}` maps, pure and deterministic: names sorted, object keys
 * sorted, array items by index. Field paths look like `args[0]`, `env.KEY`, `headers.Authorization`.
 * Values pass through `redact` (which receives the path) before they are reported.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffServers } from "./diff.ts";
 * const before = { a: { command: "x", args: ["1"] } }, after = { a: { command: "x", args: ["2"] } };
 * const d = diffServers(before, after, (_path, value) => value);
 * assert.deepEqual(d.servers_modified, [{ name: "a", changes: [{ path: "args[0]", old: "1", new: "2" }] }]);
 * ```
 */
export interface FieldChange {
  path: string;
  old: unknown;
  new: unknown;
}

export interface ServersDiff {
  servers_added: string[];
  servers_removed: string[];
  servers_modified: { name: string; changes: FieldChange[] }[];
  servers_unchanged: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return Object.is(a, b);
}

/** Field-level changes between two values (absent sides are null). */
export function fieldChanges(a: unknown, b: unknown, path = ""): FieldChange[] {
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => fieldChanges(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < n; i++) out.push(...fieldChanges(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (same(a, b)) return [];
  return [{ path: path || "(entry)", old: a === undefined ? null : a, new: b === undefined ? null : b }];
}

/** The diff from `from` to `to`. */
export function diffServers(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  redact: (path: string, value: unknown) => unknown,
): ServersDiff {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const out: ServersDiff = {
    servers_added: [],
    servers_removed: [],
    servers_modified: [],
    servers_unchanged: [],
  };
  for (const n of names) {
    if (!Object.hasOwn(from, n)) out.servers_added.push(n);
    else if (!Object.hasOwn(to, n)) out.servers_removed.push(n);
    else {
      const changes = fieldChanges(from[n], to[n]).map((c) => ({
        path: c.path,
        old: redact(c.path, c.old),
        new: redact(c.path, c.new),
      }));
      if (changes.length === 0) out.servers_unchanged.push(n);
      else out.servers_modified.push({ name: n, changes });
    }
  }
  return out;
}
