/**
 * The one secret extractor, pure: every path that takes foreign content in (import-config, publish
 * --file, add-server's custom and catalogue entries, both doors) moves the literal secrets of a neutral
 * entry into `${VAR}` references with it, and validation and `verify --all` find them with the same
 * rules (`secret_spans.ts`): env values under secret names or with token shapes, auth header values,
 * secret flags in args (`--api-key=V`, `--api-key V`, `NAME_TOKEN=V`, `Authorization: Bearer V`), URL
 * passwords and secret query values in `url`, args, env and headers. Only the secret part becomes a
 * reference: `postgresql://me:${PG_DB_PASSWORD}@db/app`, `Bearer ${SERVER_TOKEN}`.
 *
 * @example
 * extractSecrets("gh", { command: "x", env: { GITHUB_TOKEN: "ghp_..." } }, {});
 * // entry.env.GITHUB_TOKEN === "${GITHUB_TOKEN}", secrets.GITHUB_TOKEN === "ghp_..."
 */
import { type NeutralEntry, refsIn } from "./neutral.ts";
import { type Place, type SecretSpan, secretSpans } from "./secret_spans.ts";

/** An upper-case variable name from free text (`x-api-key` -> `X_API_KEY`). */
export function varName(...parts: string[]): string {
  const n = parts.join("_").toUpperCase().replace(/[^A-Z0-9_]+/g, "_").replace(/_+/g, "_").replace(
    /^_|_$/g,
    "",
  );
  return /^[0-9]/.test(n) || n === "" ? `_${n}` : n;
}

/** The variable for a secret of `server` found under `what` (`apiKey` -> `SERVER_API_KEY`). */
export function scopedName(server: string, what: string): string {
  return varName(server, what.replace(/([a-z0-9])([A-Z])/g, "$1_$2"));
}

/** Every `${VAR}` name referenced anywhere in the entry's strings, sorted and unique. */
export function entryRefs(entry: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") refsIn(v).forEach((r) => out.add(r));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(entry);
  return [...out].sort();
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A copy of `entry` with `f` applied to each string the rules look at, in this order: `command`,
 * `args[i]`, `env.K`, `url`, `headers.H`. Other fields are kept as they are.
 */
export function mapEntryStrings(
  entry: unknown,
  f: (field: string, value: string, place: Place) => string,
): unknown {
  if (!isObj(entry)) return entry;
  const out: Obj = { ...entry };
  if (typeof entry.command === "string") out.command = f("command", entry.command, { kind: "text" });
  if (Array.isArray(entry.args)) {
    const args = entry.args;
    out.args = args.map((a, i) => {
      const prev = typeof args[i - 1] === "string" ? args[i - 1] as string : undefined;
      return typeof a === "string" ? f(`args[${i}]`, a, { kind: "arg", prev }) : a;
    });
  }
  const map = (key: "env" | "headers", kind: "env" | "header") => {
    const m = entry[key];
    if (!isObj(m)) return;
    const next: Obj = {};
    for (const [k, v] of Object.entries(m)) {
      next[k] = typeof v === "string" ? f(`${key}.${k}`, v, { kind, key: k }) : v;
    }
    out[key] = next;
  };
  map("env", "env");
  if (typeof entry.url === "string") out.url = f("url", entry.url, { kind: "url" });
  map("headers", "header");
  return out;
}

/** One literal secret found in an entry (the field, never the value). */
export interface SecretField {
  field: string;
  rule: SecretSpan["rule"];
}

/** The fields of `entry` holding a literal secret, in entry order (one per field). */
export function literalSecretFields(entry: unknown): SecretField[] {
  const out: SecretField[] = [];
  mapEntryStrings(entry, (field, value, place) => {
    const spans = secretSpans(value, place);
    if (spans.length) out.push({ field, rule: spans[0].rule });
    return value;
  });
  return out;
}

/** `value` with every span (in order, not overlapping) replaced by `with_(span, its text)`. */
export function replaceSpans(
  value: string,
  spans: SecretSpan[],
  with_: (s: SecretSpan, text: string) => string,
): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    parts.push(value.slice(at, s.start), with_(s, value.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(value.slice(at));
  return parts.join("");
}

/** A copy of `entry` with every literal secret shown as `***` (for outputs of old data). */
export function redactEntry<T>(entry: T): T {
  return mapEntryStrings(entry, (_f, v, place) => replaceSpans(v, secretSpans(v, place), () => "***")) as T;
}

/** Where one value went: the field and the variable now referenced there. */
export interface Extracted {
  server: string;
  field: string;
  variable: string;
  /** The name it would have had (the env variable's own), had secrets.json not held another value
   * under it: the variable is then `<SERVER>_<NAME>` (stable: the same value finds it again). */
  instead_of?: string;
}

export interface Extraction {
  entry: NeutralEntry;
  /** VAR -> value, for secrets.json. */
  secrets: Record<string, string>;
  /** Field -> variable, for the command's output (names only). */
  extracted: Extracted[];
}

/**
 * Replaces literal secrets in `entry` by references. `taken` holds the values already stored: a name
 * holding another value is not reused (the server name is prefixed, then `_2`, `_3`... appended).
 */
export function extractSecrets(
  server: string,
  entry: NeutralEntry,
  taken: Record<string, string>,
): Extraction {
  const secrets: Record<string, string> = {};
  const extracted: Extracted[] = [];
  const free = (n: string, value: string) => {
    const have = Object.hasOwn(secrets, n) ? secrets[n] : Object.hasOwn(taken, n) ? taken[n] : undefined;
    return have === undefined || have === value;
  };
  const alloc = (span: SecretSpan, value: string): { name: string; instead_of?: string } => {
    const scoped = scopedName(server, span.name);
    const candidates = span.own ? [varName(span.name), scoped] : [scoped];
    for (let i = 2; i < 1000; i++) candidates.push(`${scoped}_${i}`);
    const name = candidates.find((n) => n in Object.prototype === false && free(n, value))!;
    secrets[name] = value;
    return span.own && name !== candidates[0] ? { name, instead_of: candidates[0] } : { name };
  };
  const out = mapEntryStrings(entry, (field, value, place) => {
    const spans = secretSpans(value, place);
    if (!spans.length) return value;
    return replaceSpans(value, spans, (span, text) => {
      const { name: variable, instead_of } = alloc(span, text);
      extracted.push({ server, field, variable, ...(instead_of ? { instead_of } : {}) });
      return `\${${variable}}`;
    });
  });
  return { entry: out as NeutralEntry, secrets, extracted };
}
