/**
 * Recognising secrets by name and by shape, pure. A name is secret when it ends in _TOKEN, _KEY,
 * _SECRET, _PASSWORD, _PAT (env vars, inputs) or is an auth header (Authorization, X-Api-Key...). A
 * value looks like a token when it has a known token prefix (ghp_, github_pat_, sk-, xoxb-, AKIA...).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSecretName, looksLikeToken } from "./secret_detect.ts";
 * assert.ok(isSecretName("GITHUB_TOKEN"));
 * assert.equal(looksLikeToken("ghp_0123456789abcdefghijklmnopqrstuvwxyz"), "known");
 * ```
 */
import { SECRET_REF } from "./neutral.ts";

/** Env var / input names treated as secrets. */
export const SECRET_NAME_RE = /(_TOKEN|_KEY|_SECRET|_PASSWORD|_PAT)$/i;
/** Header names whose values are credentials. */
export const SECRET_HEADER_RE =
  /^(authorization|proxy-authorization|cookie)$|(token|key|secret|password|auth)$/i;

/** True for a secret-looking env var or input name. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME_RE.test(name);
}

/** Words that make a name secret wherever they stand in it (`GITHUB_PAT`, `MY_PAT_TOKEN`, `apiKey`). */
const SECRET_WORDS = new Set([
  "token",
  "secret",
  "password",
  "passwd",
  "pat",
  "apikey",
  "credential",
  "credentials",
  "authorization",
  "cookie",
]);

/** The words of a name: split at `_`, `-`, `.` and lower-to-upper case changes, lower-cased. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[-_.\s]+/).filter(Boolean);
}

/**
 * The redactor's one rule for a key in shown text (a diff line, a drift report): secret when one of
 * its words is a secret word, or `key` follows another word (`API_KEY`, `SSH_KEY_PATH`). Whole words
 * only: `PAT` is a word of `GITHUB_PAT`, never of `PATH`, `DB_PATH` or `PATTERN`.
 */
export function isSecretKeyName(name: string): boolean {
  const w = nameWords(name);
  return w.some((x) => SECRET_WORDS.has(x)) || w.slice(1).includes("key") || isSecretName(name);
}

/** True for a header that carries a credential. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER_RE.test(name);
}

/** Known token shapes (GitHub, GitLab, OpenAI/Anthropic, Stripe, Slack, AWS, Google, npm, a Bearer value). */
export const KNOWN_TOKENS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bAIza[0-9A-Za-z_-]{35}/,
  /\bnpm_[A-Za-z0-9]{36}/,
  /\bBearer\s+(?!\$\{)[A-Za-z0-9._~+/=-]{16,}/,
];

/**
 * "known" when `value` contains a known token shape, "entropy" when it holds a long random-looking run
 * (32+ chars of letters and digits mixed, no path or URL), else null. `${VAR}` references never count.
 */
export function looksLikeToken(value: string): "known" | "entropy" | null {
  const s = value.replace(SECRET_REF, "");
  if (KNOWN_TOKENS.some((r) => r.test(s))) return "known";
  if (/^https?:\/\//.test(s) || s.includes("/") || s.includes("\\")) return null;
  for (const m of s.matchAll(/[A-Za-z0-9_+=-]{32,}/g)) {
    const t = m[0];
    if (/[a-z]/.test(t) && /[A-Z]/.test(t) && /[0-9]/.test(t)) return "entropy";
    if (/^[0-9a-f]{40,}$/.test(t) === false && /[a-z]/.test(t) && /[0-9]/.test(t) && t.length >= 40) {
      return "entropy";
    }
  }
  return null;
}

/** A literal non-empty string: no `${...}` inside (ours, `${env:X}`, VS Code's `${input:x}`). */
export function isLiteral(value: string): boolean {
  return value.length > 0 && !/\$\{[^}]*\}/.test(value);
}
