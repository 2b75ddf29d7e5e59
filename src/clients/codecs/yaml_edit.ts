/**
 * Text edits for YAML collections, located by the parsed nodes' source ranges and expressed in the
 * coordinates of the parsed text, so that many of them can be planned on one parse and applied
 * together. Block collections get block lines at the siblings' indentation; flow collections
 * (`{...}`, `[...]`) get JSON, which is valid YAML flow. Nothing outside the edited member's span
 * changes.
 */
import { isMap, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { lineEndIncl, lineStart, trimBack } from "./shared.ts";
import { mapLines, pairLines, seqLines, yamlJson } from "./yaml_emit.ts";

/** Replace `[start, end)` of the parsed text with `text` (an insertion when start === end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

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

export const column = (text: string, pos: number) => pos - lineStart(text, pos);

/** Offset of the `-` that introduces the sequence item starting at `pos`. */
export function dashBefore(text: string, pos: number): number {
  let i = pos - 1;
  while (i > 0 && text[i] !== "-") i--;
  return i;
}

/** Block lines inserted at `pos` (a line start, or the end of a text without a final line break),
 * `prev` being the character before `pos` (after any lines already inserted there). */
export function linesAt(prev: string | undefined, lines: string[], eol: string): string {
  return prev !== undefined && prev !== "\n" ? eol + lines.join(eol) : lines.join(eol) + eol;
}

/** Where lines go after the last member of a block collection: the end of its last line. */
export function afterMember(text: string, m: Member): number {
  return lineEndIncl(text, trimBack(text, m.end, m.start));
}

/** The lines of a block member (comment lines around it stay). */
export function blockRemove(text: string, m: Member): Edit {
  const head = m.key ? m.start : dashBefore(text, m.start);
  return { start: lineStart(text, head), end: afterMember(text, m), text: "" };
}

/** A member's value replaced, keeping its key text and indentation (JSON in a flow collection). */
export function replaceMember(
  text: string,
  flow: boolean,
  m: Member,
  value: unknown,
  unit: string,
  eol: string,
): Edit {
  const end = trimBack(text, m.end, m.start);
  if (flow) {
    const from = m.node?.range?.[0] ?? m.start;
    return { start: from, end: Math.max(end, from), text: yamlJson(value) };
  }
  const indent = " ".repeat(column(text, m.start));
  const lines = m.key
    ? pairLines("", value, indent, unit, text.slice(m.key.range![0], m.key.range![1]))
    : mapLines(value as Record<string, unknown>, indent, unit);
  lines[0] = lines[0].slice(indent.length);
  return { start: m.start, end, text: lines.join(eol) };
}

/** A key whose value is empty/null filled with a block: the null text removed, lines after the key's
 * line. */
export function insertUnder(
  text: string,
  pair: { key: Node; value: Node | null },
  value: unknown,
  unit: string,
  eol: string,
): Edit[] {
  const r = pair.value?.range;
  const edits: Edit[] = [];
  let lineOf = pair.key.range![1];
  if (r && r[1] > r[0]) {
    edits.push({ start: trimBack(text, r[0]), end: r[1], text: "" });
    lineOf = r[1];
  }
  const indent = " ".repeat(column(text, pair.key.range![0])) + unit;
  const lines = Array.isArray(value)
    ? seqLines(value, indent, unit)
    : mapLines(value as Record<string, unknown>, indent, unit);
  const pos = lineEndIncl(text, lineOf);
  // The character before the insertion once the null text is gone.
  const prev = pos > 0
    ? (edits[0] && edits[0].end >= pos ? text[edits[0].start - 1] : text[pos - 1])
    : undefined;
  edits.push({ start: pos, end: pos, text: linesAt(prev, lines, eol) });
  return edits;
}

/** Fills a key whose value is empty/null inside a flow mapping, as JSON. */
export function insertUnderFlow(pair: { key: Node; value: Node | null }, value: unknown): Edit {
  const r = pair.value?.range;
  return r
    ? { start: r[0], end: r[1], text: yamlJson(value) }
    : { start: pair.key.range![1], end: pair.key.range![1], text: `: ${yamlJson(value)}` };
}

/** Where a new member of a flow collection goes: after its last member, before the closing bracket. */
export function flowEnd(text: string, c: Collection): number {
  let close = c.range![1] - 1;
  while (close > c.range![0] && text[close] !== "}" && text[close] !== "]") close--;
  return trimBack(text, close, c.range![0] + 1);
}

/** A flow member as JSON: `"key": value` or `value`. */
export function flowMember(key: string | null, value: unknown): string {
  return key === null ? yamlJson(value) : `${yamlJson(key)}: ${yamlJson(value)}`;
}
