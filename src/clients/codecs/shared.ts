/**
 * Small helpers the codecs share: parse errors with 1-based positions, BOM and end-of-line handling,
 * line arithmetic over text offsets, and prototype-safe plain data (a key named `__proto__` is an
 * ordinary own property, never a prototype).
 */
import { AppError } from "../../core/errors.ts";
import type { Codec, NativeEntry, ServersLocation } from "../types.ts";

/** How many times the codecs have read a whole document (a parser's or lexer's pass over it): tests
 * check that a batch of changes is planned on a bounded number of reads, whatever its size. */
export const parseCounter = { count: 0 };

/** Counts one whole-document read in `parseCounter`. */
export function countParse(): void {
  parseCounter.count++;
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 units). */
export function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/** A `config_parse_error` quoting the format, with `{line, column, reason}` details (1-based). */
export function parseError(format: string, line: number, column: number, reason: string): AppError {
  return new AppError(
    "config_parse_error",
    `Cannot read the ${format.toUpperCase()} config at line ${line}, column ${column}: ${reason}`,
    { line, column, reason },
  );
}

/** A `config_parse_error` at a text offset. */
export function parseErrorAt(format: string, text: string, offset: number, reason: string): AppError {
  const { line, column } = lineColAt(text, offset);
  return parseError(format, line, column, reason);
}

/** Splits a leading UTF-8 byte order mark off the text. */
export function splitBom(text: string): { bom: string; body: string } {
  return text.startsWith("\uFEFF") ? { bom: "\uFEFF", body: text.slice(1) } : { bom: "", body: text };
}

/** The end-of-line sequence the text uses (its first line break), `\n` when it has none. */
export function detectEol(text: string): "\n" | "\r\n" {
  const i = text.indexOf("\n");
  return i > 0 && text[i - 1] === "\r" ? "\r\n" : "\n";
}

/** Offset of the start of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  const i = text.lastIndexOf("\n", pos - 1);
  return i < 0 ? 0 : i + 1;
}

/** Offset just after the line break ending the line holding `pos` (text length on the last line). */
export function lineEndIncl(text: string, pos: number): number {
  const i = text.indexOf("\n", pos);
  return i < 0 ? text.length : i + 1;
}

/** The leading spaces/tabs of the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const s = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(s, s + 200))![0];
}

/** Moves `pos` back over whitespace (spaces, tabs, line breaks) to just after the last other char. */
export function trimBack(text: string, pos: number, floor = 0): number {
  while (pos > floor && /\s/.test(text[pos - 1])) pos--;
  return pos;
}

/** Replaces `[start, end)` of `text` with `insert`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** True when `obj` has `key` as an own property (safe for `__proto__`). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Sets an own enumerable property, so `__proto__` and `constructor` are plain keys. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True for a non-array, non-null object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** True for an object made by a parser as a mapping: its prototype is Object.prototype or null. */
function isMapping(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Deep copy into ordinary objects and arrays (null-prototype objects become plain objects). Any other
 * object a parser makes (a date, a byte array, a set) is kept as it is, never turned into a mapping. */
export function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (isMapping(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) setOwn(out, k, toPlain(v[k]));
    return out;
  }
  return v;
}

/** Structural equality of JSON-like values; key order, prototypes and the sign of zero do not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The value at `path` in plain data: undefined when absent; `badAt` is the step whose parent is no object. */
export function walk(data: unknown, path: readonly string[]): { value: unknown; badAt?: number } {
  let cur: unknown = data;
  for (let i = 0; i < path.length; i++) {
    if (cur === undefined || cur === null) return { value: undefined };
    if (!isRecord(cur)) return { value: cur, badAt: i };
    cur = hasOwn(cur, path[i]) ? cur[path[i]] : undefined;
  }
  return { value: cur };
}

/** Describes a value's type for error reasons ("an array", "a string"...). */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (isRecord(v)) return "an object";
  return `a ${typeof v}`;
}

/** Dotted display of a key path for messages. */
export function showPath(path: readonly string[]): string {
  return path.map((p) => JSON.stringify(p)).join(".") || "(root)";
}

/**
 * Extracts name -> entry from an already located container value, checking its type. For the list
 * shape, items without a string `nameKey` are skipped and a later duplicate name wins.
 */
export function serversFrom(
  format: string,
  container: unknown,
  loc: ServersLocation,
): Record<string, NativeEntry> {
  const out: Record<string, NativeEntry> = {};
  if (container === undefined || container === null) return out;
  if (loc.shape === "map") {
    if (!isRecord(container)) {
      throw parseError(format, 1, 1, `${showPath(loc.path)} is ${typeName(container)}, expected an object`);
    }
    for (const k of Object.keys(container)) {
      const v = container[k];
      if (!isRecord(v)) {
        throw parseError(format, 1, 1, `server ${JSON.stringify(k)} is ${typeName(v)}, expected an object`);
      }
      setOwn(out, k, toPlain(v));
    }
    return out;
  }
  if (!Array.isArray(container)) {
    throw parseError(format, 1, 1, `${showPath(loc.path)} is ${typeName(container)}, expected a list`);
  }
  for (const item of container) {
    if (isRecord(item) && typeof item[loc.nameKey] === "string") {
      setOwn(out, item[loc.nameKey] as string, toPlain(item));
    }
  }
  return out;
}

/** What `readServers` must return after `changes` are applied to `before` (used as a self-check). */
export function expectedAfter(
  before: Record<string, NativeEntry>,
  changes: Record<string, NativeEntry | null>,
  loc: ServersLocation,
): Record<string, NativeEntry> {
  const out: Record<string, NativeEntry> = {};
  for (const k of Object.keys(before)) setOwn(out, k, before[k]);
  for (const k of Object.keys(changes)) {
    const v = changes[k];
    if (v === null) delete out[k];
    else setOwn(out, k, toPlain(loc.shape === "list" ? listItem(k, v, loc.nameKey) : v) as NativeEntry);
  }
  return out;
}

/** The list item written for `name`: the name key first, then the entry's other fields. */
export function listItem(name: string, entry: NativeEntry, nameKey: string): NativeEntry {
  const item: NativeEntry = {};
  setOwn(item, nameKey, name);
  for (const k of Object.keys(entry)) if (k !== nameKey) setOwn(item, k, entry[k]);
  return item;
}

/**
 * The codec with one more guarantee: input nested so deeply that a parser runs out of stack (10,000
 * opening brackets) is a `config_parse_error`, never a crash or an `internal_error`.
 */
export function guardDepth(c: Codec): Codec {
  const guard = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    try {
      return f(...a);
    } catch (e) {
      if (e instanceof RangeError) {
        throw parseError(c.format, 1, 1, "the document is nested too deeply to read");
      }
      throw e;
    }
  };
  return {
    format: c.format,
    parse: guard(c.parse),
    readServers: guard(c.readServers),
    writeServers: guard(c.writeServers),
    ...(c.writeValue ? { writeValue: guard(c.writeValue) } : {}),
  };
}

/** Throws `internal_error` unless the written text reads back as expected (we never emit a broken file). */
export function selfCheck(
  format: string,
  actual: () => Record<string, NativeEntry>,
  expected: Record<string, NativeEntry>,
): void {
  let got: Record<string, NativeEntry> | undefined;
  let why = "";
  try {
    got = actual();
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  if (got === undefined || !deepEqual(got, expected)) {
    throw new AppError(
      "internal_error",
      `The ${format} edit did not read back as intended${why ? `: ${why}` : ""}`,
      {
        format,
      },
    );
  }
}
