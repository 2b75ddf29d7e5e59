/**
 * Text splicing for JSON/JSONC members. jsonc-parser's `modify` re-formats the neighbouring lines on
 * insert and drops the comments between members on delete, so inserting and removing members is done
 * here by hand: only the member's own lines, plus one comma, ever change.
 */
import { createScanner, type Node } from "jsonc-parser";

/** jsonc-parser's SyntaxKind values (a const enum, not importable under isolatedModules). */
const COMMA = 5;
const TRIVIA = new Set([12, 13, 14, 15]);
import { indentAt, lineEndIncl, lineStart, splice, trimBack } from "./shared.ts";

/** Indent unit of the file: a tab, or the smallest indentation in use (2 when nothing is indented). */
export function detectIndentUnit(text: string): string {
  let min = 0;
  for (const m of text.matchAll(/\n([ \t]+)["{}[\]]/g)) {
    if (m[1].startsWith("\t")) return "\t";
    if (min === 0 || m[1].length < min) min = m[1].length;
  }
  return min >= 1 && min <= 8 ? " ".repeat(min) : "  ";
}

/** `value` as pretty JSON whose continuation lines start with `base`. */
export function pretty(value: unknown, base: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split("\n").join(eol + base);
}

/** Offset of the first non-trivia token at or after `from`, with its kind. */
function nextToken(text: string, from: number): { kind: number; offset: number } {
  // Scans in place (setPosition), not a copy of the rest of the text: removing many members of a
  // large file called this once per member.
  const s = createScanner(text, false);
  s.setPosition(from);
  let kind: number = s.scan();
  while (TRIVIA.has(kind)) kind = s.scan();
  return { kind, offset: s.getTokenOffset() };
}

/** Indentation for a new member of `node`: that of its first member on its own line, else one unit more. */
function childIndent(text: string, node: Node, unit: string): string {
  const first = node.children?.[0];
  if (first && text.slice(lineStart(text, first.offset), first.offset).trim() === "") {
    return indentAt(text, first.offset);
  }
  return indentAt(text, node.offset) + unit;
}

/**
 * Appends a member (`"key": value` for an object, `value` for an array) after the last member of
 * `node`, on its own line; adds the comma the previous member needs (or keeps a trailing-comma style).
 */
export function insertMember(
  text: string,
  node: Node,
  key: string | null,
  value: unknown,
  unit: string,
  eol: string,
): string {
  return insertMembers(text, node, [[key, value]], unit, eol);
}

/** Appends several members at once: the same bytes as inserting them one by one with insertMember. */
export function insertMembers(
  text: string,
  node: Node,
  members: [key: string | null, value: unknown][],
  unit: string,
  eol: string,
): string {
  const close = node.offset + node.length - 1;
  const kids = node.children ?? [];
  const ci = childIndent(text, node, unit);
  const at = trimBack(text, close, node.offset + 1);
  let commaAt = -1;
  let trailing = false;
  const last = kids.at(-1);
  if (last) {
    const lastEnd = last.offset + last.length;
    trailing = nextToken(text, lastEnd).kind === COMMA;
    if (!trailing) commaAt = lastEnd;
  }
  let ins = members.map(([key, value]) =>
    eol + ci + (key === null ? "" : JSON.stringify(key) + ": ") + pretty(value, ci, unit, eol) +
    (trailing ? "," : "")
  ).join(trailing ? "" : ",");
  if (!text.slice(at, close).includes("\n")) ins += eol + indentAt(text, close);
  let out = splice(text, at, at, ins);
  if (commaAt >= 0) out = splice(out, commaAt, commaAt, ",");
  return out;
}

/**
 * Removes member `index` of `node`: its whole lines when it stands on lines of its own (with a
 * comment that ends its last line), else just its text; and the comma that would then dangle.
 */
export function removeMember(text: string, node: Node, index: number): string {
  const kids = node.children ?? [];
  const kid = kids[index];
  const kidEnd = kid.offset + kid.length;
  const after = nextToken(text, kidEnd);
  const hadComma = after.kind === COMMA;
  let end = hadComma ? after.offset + 1 : kidEnd;
  let start = kid.offset;
  const le = lineEndIncl(text, end);
  const ownLines = text.slice(lineStart(text, start), start).trim() === "" &&
    /^[ \t]*(\/\/.*)?(\r?\n)?$/.test(text.slice(end, le));
  if (ownLines) {
    start = lineStart(text, start);
    end = le;
  } else if (hadComma) {
    while (text[end] === " " || text[end] === "\t") end++;
  } else {
    start = trimBack(text, start, node.offset + 1);
  }
  let out = splice(text, start, end, "");
  if (!hadComma && index > 0) {
    const prev = kids[index - 1];
    const comma = nextToken(text, prev.offset + prev.length);
    if (comma.kind === COMMA && comma.offset < start) out = splice(out, comma.offset, comma.offset + 1, "");
  }
  return out;
}

/** Replaces a `null` value node with `value`, pretty-printed at that line's indentation. */
export function replaceNull(text: string, node: Node, value: unknown, unit: string, eol: string): string {
  return splice(
    text,
    node.offset,
    node.offset + node.length,
    pretty(value, indentAt(text, node.offset), unit, eol),
  );
}

/**
 * The indentation jsonc-parser's formatter gives the lines of a value written at `offset`: one unit per
 * indent level of that line's leading whitespace (a tab counting as 4 columns, or as one unit of a
 * space-indented file), plus one per bracket opened before `offset` on that line.
 */
export function valueIndent(text: string, offset: number, unit: string): string {
  const start = lineStart(text, offset);
  const tabSize = unit === "\t" ? 4 : unit.length;
  let width = 0;
  let i = start;
  for (; i < offset && (text[i] === " " || text[i] === "\t"); i++) width += text[i] === "\t" ? tabSize : 1;
  let level = Math.floor(width / tabSize);
  const s = createScanner(text, true);
  s.setPosition(i);
  for (let kind = s.scan(); kind !== 17 && s.getTokenOffset() < offset; kind = s.scan()) {
    if (kind === 1 || kind === 3) level++;
    else if (kind === 2 || kind === 4) level--;
  }
  return unit.repeat(Math.max(level, 0));
}
