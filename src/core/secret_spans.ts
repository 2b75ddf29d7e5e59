/**
 * Where literal secrets sit inside one string of a server entry, pure. The one detector behind the
 * extractor (which replaces each span with a `${VAR}` reference), validation and `verify --all`
 * (which report the field) and the redactor (which shows `***`).
 *
 * Rules, by where the string is:
 * - env value under a secret name (`*_TOKEN`, `*_KEY`, ...): the whole value;
 * - header value under an auth header (`Authorization`, `X-Api-Key`...): the value, after `Bearer `;
 * - argument: `--api-key=VALUE`, `--api-key VALUE` (two arguments), `GITHUB_TOKEN=VALUE` (docker `-e`),
 *   `Authorization: Bearer VALUE`;
 * - anywhere: the password of a URL (`postgresql://user:PASS@host`), a secret query or fragment value
 *   (`?token=`, `?apiKey=`, `#access_token=`), a known token shape (`ghp_…`, `sk-…`, `Bearer …`).
 * A `${...}` reference is never a secret; a path (`/home/x`, `./k.pem`) is not taken for one after a
 * secret flag.
 *
 * @example
 * secretSpans("postgresql://me:hunter22@db/app", { kind: "arg" });
 * // [{ start: 16, end: 24, name: "db_password", own: false, rule: "url password" }]
 */
import { isSecretHeader, isSecretName, KNOWN_TOKENS } from "./secret_detect.ts";

/** Where a string sits in an entry: decides which rules apply. */
export type Place =
  | { kind: "env"; key: string }
  | { kind: "header"; key: string }
  | { kind: "arg"; prev?: string }
  | { kind: "url" }
  | { kind: "text" };

/** One literal secret inside a string. */
export interface SecretSpan {
  start: number;
  end: number;
  /** The variable name it suggests: used as is when `own` (an env name), else after the server's name. */
  name: string;
  own: boolean;
  /** What recognised it (for messages; never the value). */
  rule: "secret name" | "auth header" | "secret flag" | "url password" | "url query" | "token shape";
}

/** The known token shapes, global (matchAll copies them: sharing is safe). */
const KNOWN_GLOBAL = KNOWN_TOKENS.map((re) => new RegExp(re.source, "g"));

/** Any `${...}` (ours, `${env:X}`, VS Code's `${input:x}`): a reference, never a value. */
const REFERENCE = /\$\{[^}]*\}/g;

const SECRET_WORDS = new Set([
  "token",
  "secret",
  "password",
  "passwd",
  "pass",
  "passphrase",
  "pwd",
  "pat",
  "credential",
  "credentials",
  "apikey",
]);
/** `key` alone is too common (`--sort-key`): only these kinds of key are secrets. */
const KEY_KINDS = new Set([
  "",
  "api",
  "access",
  "secret",
  "private",
  "auth",
  "client",
  "license",
  "master",
  "service",
  "subscription",
  "account",
  "signing",
  "encryption",
  "app",
  "user",
  "admin",
  "session",
]);
const DB_SCHEMES =
  /^(postgres|postgresql|mysql|mariadb|mongodb|mongodb\+srv|redis|rediss|mssql|sqlserver|amqp|amqps|clickhouse|cockroachdb|neo4j|bolt)$/i;

function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[-_.]+/).filter(Boolean);
}

/** True for a flag or query parameter name that carries a credential (`api-key`, `apiKey`, `token`). */
export function isSecretParam(name: string, query = false): boolean {
  const w = words(name.replace(/^-+/, ""));
  const last = w.at(-1);
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (query && (last === "auth" || last === "sig" || last === "signature")) return true;
  return last === "key" && (KEY_KINDS.has(w.at(-2) ?? "") || query);
}

/** A value that cannot be a credential after a secret flag: empty, a path, a yes/no word. */
function implausible(v: string): boolean {
  return v === "" || /^(\/|\.{1,2}[\\/]|~([\\/]|$)|[A-Za-z]:[\\/]|\\\\)/.test(v) ||
    /^(true|false|yes|no|none|null)$/i.test(v);
}

function refRanges(s: string): [number, number][] {
  return [...s.matchAll(REFERENCE)].map((m) => [m.index!, m.index! + m[0].length]);
}

/** The spans of literal secrets in `s`, in order, not overlapping. */
export function secretSpans(s: string, place: Place): SecretSpan[] {
  if (typeof s !== "string" || s === "") return [];
  const refs = refRanges(s);
  const hasRef = refs.length > 0;
  if (place.kind === "env" && isSecretName(place.key) && !hasRef) {
    return [{ start: 0, end: s.length, name: place.key, own: true, rule: "secret name" }];
  }
  if (place.kind === "header" && isSecretHeader(place.key) && !hasRef) {
    const m = /^((?:Bearer|Basic|Token)\s+)(\S+)$/i.exec(s);
    const name = /^authorization$/i.test(place.key) ? "token" : place.key;
    return [{ start: m ? m[1].length : 0, end: s.length, name, own: false, rule: "auth header" }];
  }
  // Candidates in rule order (the first rule to claim a place wins a tie), then one sweep by start:
  // linear after the sort, so a hostile value with many matches cannot make this quadratic.
  const candidates: SecretSpan[] = [];
  const add: Add = (start, end, name, own, rule) => {
    if (end > start) candidates.push({ start, end, name, own, rule });
  };
  if (place.kind === "arg") argRules(s, place.prev, add);
  urlRules(s, add);
  for (const re of KNOWN_GLOBAL) {
    for (const m of s.matchAll(re)) {
      const lead = /^Bearer\s+/i.exec(m[0])?.[0].length ?? 0;
      add(m.index! + lead, m.index! + m[0].length, "token", false, "token shape");
    }
  }
  const order = candidates.map((c, i) => [c, i] as const).sort((x, y) =>
    x[0].start - y[0].start || x[1] - y[1]
  );
  const found: SecretSpan[] = [];
  let r = 0;
  for (const [c] of order) {
    if (found.length && c.start < found[found.length - 1].end) continue;
    while (r < refs.length && refs[r][1] <= c.start) r++;
    if (r < refs.length && refs[r][0] < c.end) continue; // it holds (part of) a reference
    found.push(c);
  }
  // A whole env value is named after its variable (`GH: ghp_…` -> `${GH}`).
  if (place.kind === "env" && found.length === 1 && found[0].start === 0 && found[0].end === s.length) {
    return [{ ...found[0], name: place.key, own: true }];
  }
  return found;
}

type Add = (start: number, end: number, name: string, own: boolean, rule: SecretSpan["rule"]) => void;

function argRules(s: string, prev: string | undefined, add: Add): void {
  const flag = /^(--?)([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/s.exec(s);
  if (flag) {
    if (isSecretParam(flag[2]) && !implausible(flag[3])) {
      add(flag[1].length + flag[2].length + 1, s.length, flag[2], false, "secret flag");
    }
    return;
  }
  const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(s);
  if (pair && isSecretName(pair[1]) && !implausible(pair[2])) {
    add(pair[1].length + 1, s.length, pair[1], true, "secret name");
  }
  const header = /^([A-Za-z][A-Za-z0-9-]*):\s*((?:Bearer|Basic|Token)\s+)?(\S.*)$/is.exec(s);
  if (header && isSecretHeader(header[1]) && !implausible(header[3])) {
    const name = /^authorization$/i.test(header[1]) ? "token" : header[1];
    add(s.length - header[3].length, s.length, name, false, "auth header");
  }
  const before = prev === undefined ? null : /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(prev);
  if (before && isSecretParam(before[1]) && !s.startsWith("-") && !implausible(s)) {
    add(0, s.length, before[1], false, "secret flag");
  }
}

function urlRules(s: string, add: Add): void {
  for (const m of s.matchAll(/\b([A-Za-z][A-Za-z0-9+.-]{0,31}):\/\/([^\s"'<>]+)/g)) {
    const at = m.index! + m[1].length + 3;
    const rest = m[2];
    const authority = rest.slice(0, rest.search(/[/?#]|$/));
    const userEnd = authority.lastIndexOf("@");
    if (userEnd > 0) {
      const colon = authority.indexOf(":");
      if (colon >= 0 && colon < userEnd) {
        add(
          at + colon + 1,
          at + userEnd,
          DB_SCHEMES.test(m[1]) ? "db_password" : "password",
          false,
          "url password",
        );
      }
    }
    const tail = rest.search(/[?#]/);
    if (tail < 0) continue;
    let pos = at + tail + 1;
    for (const part of rest.slice(tail + 1).split(/[&#?;]/)) {
      const eq = part.indexOf("=");
      if (eq > 0 && isSecretParam(decodeName(part.slice(0, eq)), true)) {
        add(pos + eq + 1, pos + part.length, decodeName(part.slice(0, eq)), false, "url query");
      }
      pos += part.length + 1;
    }
  }
}

function decodeName(n: string): string {
  try {
    return decodeURIComponent(n);
  } catch {
    return n;
  }
}
