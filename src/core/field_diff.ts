/** Field-level differences between two JSON values, with paths like `args[0]` and `env.KEY`. */

export interface FieldChange {
  path: string;
  old: unknown;
  new: unknown;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return base ? `${base}.${k}` : k;
}

/** Every leaf that differs, in a deterministic order (sorted keys, array indexes ascending). */
export function fieldDiff(a: unknown, b: unknown, base = ""): FieldChange[] {
  // A side that is missing compares as empty, so leaves keep their full path (`env.KEY`).
  if (a === undefined && (isObj(b) || Array.isArray(b))) a = Array.isArray(b) ? [] : {};
  if (b === undefined && (isObj(a) || Array.isArray(a))) b = Array.isArray(a) ? [] : {};
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => fieldDiff(a[k], b[k], join(base, k)));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...fieldDiff(a[i], b[i], join(base, i)));
    return out;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [{ path: base || "(root)", old: a, new: b }];
}
