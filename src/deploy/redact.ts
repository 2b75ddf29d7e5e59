/**
 * Redaction for reports: a value is shown as `***` when it sits under a secret-looking env or header
 * name (and is not a `${VAR}` reference), has a known token shape, or contains a stored secret value;
 * a literal secret inside a longer value (a URL password, `--api-key=…`) becomes `***` in place.
 */
import { isLiteral, isSecretHeader, isSecretKeyName, looksLikeToken } from "../core/secret_detect.ts";
import { replaceSpans } from "../core/secret_extract.ts";
import { secretSpans } from "../core/secret_spans.ts";
import { REDACTED } from "../store/secrets.ts";

/** A `(path, value) -> value` redactor knowing the stored secret values. */
export function makeRedactor(secrets: Record<string, string>): (path: string, value: unknown) => unknown {
  const values = Object.values(secrets).filter((v) => v.length >= 4);
  const str = (key: string, s: string): string => {
    if (values.some((v) => s.includes(v))) return REDACTED;
    if (looksLikeToken(s)) return REDACTED;
    if (isLiteral(s) && (isSecretKeyName(key) || isSecretHeader(key))) return REDACTED;
    return replaceSpans(s, secretSpans(s, { kind: "arg" }), () => REDACTED);
  };
  const walk = (key: string, v: unknown): unknown => {
    if (typeof v === "string") return str(key, v);
    if (Array.isArray(v)) return v.map((x) => walk(key, x));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(k, x)]));
    }
    return v;
  };
  return (path, value) => walk(path.split(".").pop()!.replace(/\[\d+\]$/, ""), value);
}
