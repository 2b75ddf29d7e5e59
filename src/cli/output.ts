/** Printing results and errors: one JSON document with `--format json`, short aligned text otherwise. */
import { type ErrorDocument, exitCodeFor, toErrorDocument } from "../core/errors.ts";
import { colorDiff, PLAIN, type Style, visibleLength } from "./style.ts";
import { printable, printableText } from "../core/printable.ts";

export type Format = "text" | "json";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Left-aligned columns: each row's cells padded to the widest cell of its column (colour takes no column). */
export function table(rows: string[][], indent = "  "): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(c))));
  const pad = (c: string, w: number) => c + " ".repeat(w - visibleLength(c));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join("  "))
    .join("\n");
}

/** `key: value` lines, keys aligned. */
export function fields(pairs: [string, unknown][]): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.filter(([, v]) => v !== undefined).map(([k, v]) => `${(k + ":").padEnd(w + 1)} ${v}`).join(
    "\n",
  );
}

export function printResult<T>(
  io: Io,
  format: Format,
  result: T,
  text: (r: T, s: Style) => string,
  style = PLAIN,
): void {
  if (format === "json") io.out(JSON.stringify(result, null, 2) + "\n");
  else {
    const t = text(printable(result), style);
    if (t) io.out(t.endsWith("\n") ? t : t + "\n");
  }
}

/** Prints the failure and returns its exit code (`style`: colour for stderr, text format only). */
export function printError(io: Io, format: Format, e: unknown, style = PLAIN): number {
  const doc: ErrorDocument = toErrorDocument(e);
  if (format === "json") io.out(JSON.stringify(doc, null, 2) + "\n");
  else {
    let t = `${style.red(style.bold("error:"))} ${printableText(doc.message)}`;
    const hint = doc.details.hint ??
      (Array.isArray(doc.details.known) && doc.details.known.length
        ? `known: ${doc.details.known.join(", ")}`
        : null);
    if (hint) t += `\n  ${printableText(String(hint))}`;
    if (typeof doc.details.diff === "string") t += "\n" + colorDiff(printableText(doc.details.diff), style);
    io.err(t + style.dim(` [${doc.error}]`) + "\n");
  }
  return exitCodeFor(doc.error);
}
