/**
 * Text splices for YAML collections, located by the parsed nodes' source ranges. Block collections
 * get block lines at the siblings' indentation; flow collections (`{...}`, `[...]`) get JSON, which
 * is valid YAML flow. Nothing outside the edited member's span changes.
 */
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { lineEndIncl, lineStart, splice, trimBack } from "./shared.ts";
import { itemLines, mapLines, pairLines, seqLines, yamlJson } from "./yaml_emit.ts";

/** One member of a collection with its source span (`end` may include trailing whitespace). */
export interface Member {
  index: number;
  key?: Node;
  /** The pair's value (mapping) or the item (sequence). */
  node: Node | null;
  start: number;
  end: number;
}

type Collection = YAMLMap | YAMLSeq;

/** Member `index` of a mapping or sequence, with its span. */
export function memberOf(c: Collection, index: number): Member {
  if (isMap(c)) {
    const pair = c.items[index];
    const key = pair.key as Node;
    const node = (pair.value ?? null) as Node | null;
    return { index, key, node, start: key.range![0], end: node?.range?.[1] ?? key.range![1] };
  }
  const node = c.items[index] as Node;
  return { index, node, start: node.range![0], end: node.range![1] };
}

const column = (text: string, pos: number) => pos - lineStart(text, pos);

/** Offset of the `-` that introduces the sequence item starting at `pos`. */
function dashBefore(text: string, pos: number): number {
  let i = pos - 1;
  while (i > 0 && text[i] !== "-") i--;
  return i;
}

/** Inserts block lines at `pos` (a line start, or end of a file without a final line break). */
function insertLines(text: string, pos: number, lines: string[], eol: string): string {
  const ins = pos > 0 && text[pos - 1] !== "\n" ? eol + lines.join(eol) : lines.join(eol) + eol;
  return splice(text, pos, pos, ins);
}

/** Appends a member after the last one of a block collection (or at the end of an empty document). */
export function blockInsert(
  text: string,
  c: Collection | null,
  key: string | null,
  value: unknown,
  unit: string,
  eol: string,
): string {
  if (!c || c.items.length === 0) {
    return insertLines(
      text,
      text.length,
      key === null ? itemLines(value, "", unit) : pairLines(key, value, "", unit),
      eol,
    );
  }
  const first = memberOf(c, 0);
  const last = memberOf(c, c.items.length - 1);
  const pos = lineEndIncl(text, trimBack(text, last.end, last.start));
  if (isSeq(c)) {
    const indent = " ".repeat(column(text, dashBefore(text, first.start)));
    return insertLines(text, pos, itemLines(value, indent, unit), eol);
  }
  const indent = " ".repeat(column(text, first.start));
  return insertLines(text, pos, pairLines(key!, value, indent, unit), eol);
}

/** Removes a block member's lines (comment lines around it stay). */
export function blockRemove(text: string, m: Member): string {
  const head = m.key ? m.start : dashBefore(text, m.start);
  const end = lineEndIncl(text, trimBack(text, m.end, m.start));
  return splice(text, lineStart(text, head), end, "");
}

/** Replaces a member's text span with the new value, keeping its key text and indentation. */
export function replaceMember(
  text: string,
  c: Collection,
  m: Member,
  value: unknown,
  unit: string,
  eol: string,
): string {
  const end = trimBack(text, m.end, m.start);
  if (c.flow) {
    const from = m.node?.range?.[0] ?? m.start;
    return splice(text, from, Math.max(end, from), yamlJson(value));
  }
  const indent = " ".repeat(column(text, m.start));
  const lines = m.key
    ? pairLines("", value, indent, unit, text.slice(m.key.range![0], m.key.range![1]))
    : mapLines(value as Record<string, unknown>, indent, unit);
  lines[0] = lines[0].slice(indent.length);
  return splice(text, m.start, end, lines.join(eol));
}

/** Fills a key whose value is empty/null with a block (or JSON in a flow mapping). */
export function insertUnder(
  text: string,
  parent: YAMLMap,
  pair: { key: Node; value: Node | null },
  value: unknown,
  unit: string,
  eol: string,
): string {
  const r = pair.value?.range;
  if (parent.flow) {
    return r
      ? splice(text, r[0], r[1], yamlJson(value))
      : splice(text, pair.key.range![1], pair.key.range![1], `: ${yamlJson(value)}`);
  }
  let out = text;
  if (r && r[1] > r[0]) out = splice(out, trimBack(out, r[0]), r[1], "");
  const indent = " ".repeat(column(out, pair.key.range![0])) + unit;
  const lines = Array.isArray(value)
    ? seqLines(value, indent, unit)
    : mapLines(value as Record<string, unknown>, indent, unit);
  return insertLines(out, lineEndIncl(out, pair.key.range![1]), lines, eol);
}

/** Adds a member before the closing bracket of a flow collection, as JSON. */
export function flowInsert(text: string, c: Collection, key: string | null, value: unknown): string {
  let close = c.range![1] - 1;
  while (close > c.range![0] && text[close] !== "}" && text[close] !== "]") close--;
  const at = trimBack(text, close, c.range![0] + 1);
  const sep = c.items.length === 0 ? "" : text[at - 1] === "," ? " " : ", ";
  const member = key === null ? yamlJson(value) : `${yamlJson(key)}: ${yamlJson(value)}`;
  return splice(text, at, at, sep + member);
}

/** Removes a member of a flow collection with the separator next to it. */
export function flowRemove(text: string, c: Collection, index: number): string {
  const m = memberOf(c, index);
  const end = trimBack(text, m.end, m.start);
  if (index < c.items.length - 1) return splice(text, m.start, memberOf(c, index + 1).start, "");
  if (index > 0) {
    const prev = memberOf(c, index - 1);
    return splice(text, trimBack(text, prev.end, prev.start), end, "");
  }
  let e = end;
  while (/[ \t\r\n]/.test(text[e] ?? "")) e++;
  return splice(text, m.start, text[e] === "," ? e + 1 : end, "");
}
