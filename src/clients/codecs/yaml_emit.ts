/**
 * Writes JSON-like values as block-style YAML lines (keys in insertion order). A string is written
 * plain only when it reads back as the same string under both YAML 1.2 and 1.1 in every position we
 * use it (value, sequence item, key); otherwise it is double-quoted with JSON escapes (a subset of
 * YAML's). Non-empty collections nested in a sequence item's sequence, and everything inside flow
 * collections, are written as JSON (valid YAML flow).
 *
 * Whether a plain string reads back is decided without parsing (a 500-server deploy parsed ~9,000
 * small documents for it): its characters keep it one plain scalar (`SAFE` and the checks beside it),
 * and no scalar type of the YAML 1.2 core schema or the 1.1 schema other than string claims it (the
 * `yaml` package's own resolution tests: null, booleans, numbers, timestamps, `<<` as a key).
 */
import { Schema } from "yaml";
import { isRecord } from "./shared.ts";

/** Characters that keep a string one plain scalar in block context; the first must not be an indicator. */
const SAFE = /^(?:[A-Za-z0-9_./~$+=]|-(?! |$))(?:[A-Za-z0-9_./~$+=@:-]| (?! ))*$/;

interface ScalarTag {
  default?: boolean | "key";
  test?: RegExp;
  collection?: string;
}

/** The plain-scalar tests of both schemas (1.1 with merge keys, as the 1.1 parser reads them). */
const RESOLVERS: ScalarTag[] = [
  ...(new Schema({ schema: "core" }).tags as ScalarTag[]),
  ...(new Schema({ schema: "yaml-1.1", merge: true }).tags as ScalarTag[]),
].filter((t) => !t.collection && t.test && t.default);

/** True when a plain `s` resolves to a string (as a key when `atKey`) in both schemas. */
function resolvesToString(s: string, atKey: boolean): boolean {
  return !RESOLVERS.some((t) => (t.default === true || atKey) && t.test!.test(s));
}

/** Characters YAML folds or forbids inside double quotes that JSON leaves raw: written as \u escapes. */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** JSON text that is also valid YAML flow with the same data (YAML-unsafe characters escaped). */
export function yamlJson(v: unknown): string {
  const json = JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
  return json.replace(UNSAFE, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** Strings already decided (a deploy writes the same keys and words once per server). */
const decided = new Map<string, string>();

/** A string as a YAML scalar: plain when unambiguous, else double-quoted. */
export function yamlString(s: string): string {
  const known = decided.get(s);
  if (known !== undefined) return known;
  const plain = SAFE.test(s) && !s.endsWith(" ") && !s.includes(": ") && !s.endsWith(":") &&
    !/^(?:---|\.\.\.)(?: |$)/.test(s) && resolvesToString(s, true);
  const out = plain ? s : yamlJson(s);
  if (decided.size >= 4096) decided.clear();
  if (s.length <= 256) decided.set(s, out);
  return out;
}

/** A value on one line: scalars, `{}`/`[]`, or JSON flow for non-empty collections. */
export function yamlInline(v: unknown): string {
  if (typeof v === "string") return yamlString(v);
  if (typeof v === "number") {
    if (Number.isNaN(v)) return ".nan";
    if (!Number.isFinite(v)) return v > 0 ? ".inf" : "-.inf";
    return Object.is(v, -0) ? "-0.0" : String(v);
  }
  if (typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  return yamlJson(v);
}

function nonEmpty(v: unknown): "map" | "seq" | null {
  if (isRecord(v) && Object.keys(v).length > 0) return "map";
  if (Array.isArray(v) && v.length > 0) return "seq";
  return null;
}

/** `key: value` as block lines starting at `indent` (`keyText`: the key's source text to keep). */
export function pairLines(
  key: string,
  value: unknown,
  indent: string,
  unit: string,
  keyText?: string,
): string[] {
  const kind = nonEmpty(value);
  const head = `${indent}${keyText ?? yamlString(key)}:`;
  if (kind === "map") return [head, ...mapLines(value as Record<string, unknown>, indent + unit, unit)];
  if (kind === "seq") return [head, ...seqLines(value as unknown[], indent + unit, unit)];
  return [`${head} ${yamlInline(value)}`];
}

/** The pairs of a mapping as block lines at `indent`. */
export function mapLines(obj: Record<string, unknown>, indent: string, unit: string): string[] {
  return Object.keys(obj).flatMap((k) => pairLines(k, obj[k], indent, unit));
}

/** One sequence item as block lines, the dash at `indent` (a mapping's first key on the dash line). */
export function itemLines(item: unknown, indent: string, unit: string): string[] {
  if (nonEmpty(item) === "map") {
    const lines = mapLines(item as Record<string, unknown>, indent + "  ", unit);
    lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
    return lines;
  }
  return [`${indent}- ${yamlInline(item)}`];
}

/** The items of a sequence as block lines, dashes at `indent`. */
export function seqLines(arr: unknown[], indent: string, unit: string): string[] {
  return arr.flatMap((item) => itemLines(item, indent, unit));
}

/** Indent unit of the file: the smallest non-zero indentation of a content line (2 when none). */
export function detectYamlUnit(text: string): string {
  let min = 0;
  for (const m of text.matchAll(/\n( +)[^ \r\n#]/g)) {
    if (min === 0 || m[1].length < min) min = m[1].length;
  }
  return " ".repeat(min >= 1 && min <= 8 ? min : 2);
}
