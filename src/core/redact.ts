/** Removing secret values from anything shown: diffs, drift reports, results. */
import { replaceSpans } from "./secret_extract.ts";
import { secretSpans } from "./secret_spans.ts";
import { isSecretKeyName } from "./secret_detect.ts";

export const REDACTED = "***";

/** Replaces every occurrence of each secret value (length >= 4) in `text` with `***`. */
export function redactText(text: string, secrets: Iterable<string>): string {
  const values = [...secrets].filter((v) => typeof v === "string" && v.length >= 4).sort((a, b) =>
    b.length - a.length
  );
  let out = text;
  for (const v of values) out = out.split(v).join(REDACTED);
  // JSON-escaped forms of the same values (quotes, backslashes, non-ASCII).
  for (const v of values) {
    const esc = JSON.stringify(v).slice(1, -1);
    if (esc !== v) out = out.split(esc).join(REDACTED);
  }
  return out;
}

/** A deep copy of `value` with secret values replaced by `***` in every string. */
export function redactValue<T>(value: T, secrets: Iterable<string>): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactText(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

// Any key, then a value; whether the key is secret is isSecretKeyName's one rule (whole words: `PAT`
// in `GITHUB_PAT`, never in `DB_PATH`). The key is bounded ({1,128}): unbounded, a long run of key
// characters made this quadratic.
const ASSIGNMENT = /(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,127})\1(\s*[:=]\s*)(["']?)([^"'\s,}{][^"'\n,}]*)\4/g;

/** Secret-named assignments hidden; with `nested`, also one level inside the value of another key
 * (`"msg": "password=hunter2"`, a log line's JSON). One level only, so the work stays linear. */
function assignments(text: string, nested: boolean): string {
  return text.replace(ASSIGNMENT, (m, q, key: string, sep, vq, value: string) => {
    if (!isSecretKeyName(key)) {
      return nested && /[:=]/.test(value) ? `${q}${key}${q}${sep}${vq}${assignments(value, false)}${vq}` : m;
    }
    if (
      /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim()) || /^\$\{(env|input):[^}]+\}$/.test(value.trim())
    ) return m;
    return `${q}${key}${q}${sep}${vq}${REDACTED}${vq}`;
  });
}

/** Hides literal values assigned to secret-named keys in JSON, YAML and TOML text (diff lines), and
 * literal secrets inside other values (a URL password, `--api-key=…`, a token shape). A `${VAR}`
 * reference is kept: it is not a secret. */
export function redactSecretAssignments(text: string): string {
  const assigned = assignments(text, true);
  const quoted = assigned.replace(
    /(["'])((?:(?!\1)[^\\\n]|\\.)*)\1/g,
    (_m, q: string, inner: string) =>
      `${q}${replaceSpans(inner, secretSpans(inner, { kind: "arg" }), () => REDACTED)}${q}`,
  );
  return quoted.split("\n").map((line) =>
    replaceSpans(line, secretSpans(line, { kind: "text" }), () => REDACTED)
  ).join("\n");
}
