/**
 * Moving literal secrets out of a neutral entry, pure: an env value under a secret-looking name (or
 * shaped like a token) and the value of an auth header become `${VAR}` references, and the values are
 * returned for secrets.json. `Bearer abc` keeps its scheme: `Bearer ${VAR}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { extractSecrets } from "./secret_extract.ts";
 * const { entry, secrets } = extractSecrets("gh", { command: "x", env: { GITHUB_TOKEN: "ghp_..." } }, {});
 * assert.equal((entry.env as Record<string, string>).GITHUB_TOKEN, "${GITHUB_TOKEN}");
 * assert.equal(secrets.GITHUB_TOKEN, "ghp_...");
 * ```
 */
import { isRemote, type NeutralEntry, refsIn } from "./neutral.ts";
import { isLiteral, isSecretHeader, isSecretName, looksLikeToken } from "./secret_detect.ts";

/** An upper-case variable name from free text (`x-api-key` -> `X_API_KEY`). */
export function varName(...parts: string[]): string {
  const n = parts.join("_").toUpperCase().replace(/[^A-Z0-9_]+/g, "_").replace(/_+/g, "_").replace(
    /^_|_$/g,
    "",
  );
  return /^[0-9]/.test(n) || n === "" ? `_${n}` : n;
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

export interface Extraction {
  entry: NeutralEntry;
  /** VAR -> value, for secrets.json. */
  secrets: Record<string, string>;
}

/**
 * Replaces literal secrets in `entry` by references. `taken` holds the values already stored: a name
 * holding another value is not reused (the server name is prefixed instead).
 */
export function extractSecrets(
  server: string,
  entry: NeutralEntry,
  taken: Record<string, string>,
): Extraction {
  const secrets: Record<string, string> = {};
  const alloc = (preferred: string, value: string): string => {
    const candidates = [preferred, varName(server, preferred)];
    for (let i = 2; i < 100; i++) candidates.push(`${varName(server, preferred)}_${i}`);
    const free = (n: string) => {
      const have = secrets[n] ?? taken[n];
      return have === undefined || have === value;
    };
    const name = candidates.find(free)!;
    secrets[name] = value;
    return name;
  };
  const out: Record<string, unknown> = { ...entry };
  const env = (entry as { env?: unknown }).env;
  if (env && typeof env === "object" && !Array.isArray(env)) {
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(env)) {
      const secret = typeof v === "string" && isLiteral(v) &&
        (isSecretName(k) || looksLikeToken(v) === "known");
      next[k] = secret ? `\${${alloc(varName(k), v as string)}}` : v;
    }
    out.env = next;
  }
  if (isRemote(entry) && entry.headers && typeof entry.headers === "object") {
    const next: Record<string, unknown> = {};
    for (const [h, v] of Object.entries(entry.headers)) {
      if (typeof v !== "string" || !isLiteral(v) || !(isSecretHeader(h) || looksLikeToken(v) === "known")) {
        next[h] = v;
        continue;
      }
      const m = /^(Bearer|Basic|Token)\s+(\S+)$/i.exec(v);
      const name = alloc(varName(server, h === "Authorization" ? "token" : h), m ? m[2] : v);
      next[h] = m ? `${m[1]} \${${name}}` : `\${${name}}`;
    }
    out.headers = next;
  }
  return { entry: out as NeutralEntry, secrets };
}
