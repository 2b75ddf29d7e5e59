/**
 * Canonical JSON, byte for byte the seed's rule: Python's
 * `json.dumps(payload, sort_keys=True, separators=(",", ":"))` with `ensure_ascii=True`.
 * Keys sort by Unicode code point, every non-ASCII UTF-16 unit is written `\uXXXX` (lowercase hex,
 * so characters above U+FFFF become surrogate pairs), `/` is not escaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalJson } from "./canonical_json.ts";
 * assert.equal(canonicalJson({ b: 1, a: "é" }), '{"a":"\\u00e9","b":1}');
 * ```
 */
import { AppError } from "./errors.ts";

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** Printable ASCII other than `"` and backslash: written as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** A UTF-16 surrogate: only then does UTF-16 order differ from code point order. */
const SURROGATE = /[\ud800-\udfff]/;

/** A JSON string literal as Python writes it with ensure_ascii. */
export function pythonString(s: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const short = SHORT_ESCAPES[ch];
    if (short) {
      out += short;
      continue;
    }
    const unit = s.charCodeAt(i);
    out += unit < 0x20 || unit > 0x7e && unit !== 0x7f ? "\\u" + unit.toString(16).padStart(4, "0") : ch;
  }
  return out + '"';
}

/** Compares two strings by Unicode code point (Python's str ordering), not UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** A number as Python's json module writes it (ints exactly, floats as `repr`). */
export function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) {
    throw new AppError("invalid_input", `Cannot canonicalise the number ${n}: not finite`);
  }
  if (Number.isInteger(n)) return BigInt(n).toString();
  // Python repr: shortest round-trip digits; fixed notation when -4 <= exponent < 16.
  const [mantissa, expText] = n.toExponential().split("e");
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) return String(n);
  const sign = exp < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** Serialises a JSON value canonically. Throws `invalid_input` for values JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return pythonNumber(value);
    case "string":
      return pythonString(value);
    case "object": {
      if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
      const keys = Object.keys(value).sort(compareCodePoints);
      const obj = value as Record<string, unknown>;
      const parts = keys.filter((k) => obj[k] !== undefined).map((k) =>
        pythonString(k) + ":" + canonicalJson(obj[k])
      );
      return "{" + parts.join(",") + "}";
    }
    default:
      throw new AppError("invalid_input", `Cannot canonicalise a value of type ${typeof value}`);
  }
}

/** Canonical bytes (UTF-8; pure ASCII by construction). */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
