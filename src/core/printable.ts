/**
 * Text a terminal shows as text: control characters other than tab and newline (ESC, CR, BEL, C1,
 * DEL) and the bidirectional controls (U+202E...) become visible escapes (`\x1b`, `\u202e`), so data from outside (a server's name or stderr, a log line, a
 * registry description, a file's entry) cannot clear the screen, set the window title, write the
 * clipboard (OSC 52) or overwrite a line. Applied to every string of a result before its text form is
 * built (src/cli/output.ts), to errors, and to doctor's server lines (src/doctor/report.ts); our own colours are added after it. JSON output needs none
 * of it (JSON.stringify escapes every control character).
 *
 * @example
 * printable("a\x1b[2Jb") // "a\\x1b[2Jb"
 */

// The bidirectional controls (U+202A-202E embeddings and overrides, U+2066-2069 isolates, U+200E/200F/
// 061C marks) reorder what a terminal shows ("Trojan Source"): a name could display as another; and
// U+2028/2029 break lines where a terminal may not.
// One list; the one-line form adds the newline (\x0a) to it.
const ESCAPED = "\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069";
const CONTROL = new RegExp(`[\\x00-\\x08${ESCAPED}]`, "g");
const CONTROL_AND_NEWLINE = new RegExp(`[\\x00-\\x08\\x0a${ESCAPED}]`, "g");

/** `s` with each control character but tab and newline written as `\xNN` (a bidirectional control as
 * `\uNNNN`); with `oneLine`, a newline too (a field that must stay one line: doctor's server lines). */
export function printableText(s: string, oneLine = false): string {
  return s.replace(oneLine ? CONTROL_AND_NEWLINE : CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/** A copy of `v` whose strings are printable: plain objects and arrays are copied, a lazy property
 * (a getter, such as a deploy's diff, computed when read) stays lazy, anything else is kept as it is. */
export function printable<T>(v: T, oneLine = false): T {
  if (typeof v === "string") return printableText(v, oneLine) as T;
  if (Array.isArray(v)) return v.map((x) => printable(x, oneLine)) as T;
  if (typeof v !== "object" || v === null) return v;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
    if (d.get) {
      const get = d.get.bind(v);
      Object.defineProperty(out, k, {
        get: () => printable(get()),
        enumerable: d.enumerable,
        configurable: true,
      });
    } else out[k] = printable(d.value, oneLine);
  }
  return out as T;
}
