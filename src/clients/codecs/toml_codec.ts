/**
 * TOML codec (Codex `config.toml`, servers as `[mcp_servers.<name>]` tables). Parses and validates
 * with smol-toml; edits only the text of the entries it changes, so every other byte stays identical.
 * Entries keep the form the user wrote them in: a new server is appended as `[mcp_servers.<name>]`
 * tables, except inside a container written as one inline table (`mcp_servers = { ... }`), where it
 * becomes a member of that table; an inline-table entry is replaced inside its braces (its comment
 * stays); an entry of dotted keys becomes one `name = { ... }` line where its first key was.
 *
 * A batch of changes is planned on one parse: the document is split once into statements, each change
 * edits that list (or the inline table's members), and the text is assembled once at the end. The
 * bytes are those of applying the changes one at a time, without re-reading the file per change.
 * Only map-shaped containers exist in TOML clients; a list-shaped location is refused.
 */
import { parse as tomlParse, TomlError } from "smol-toml";
import { AppError } from "../../core/errors.ts";
import type { Codec, NativeEntry, ServersLocation } from "../types.ts";
import {
  countParse,
  deepEqual,
  detectEol,
  expectedAfter,
  guardDepth,
  parseError,
  selfCheck,
  serversFrom,
  showPath,
  splitBom,
  toPlain,
  walk,
} from "./shared.ts";
import { inlineTable, statements, type Stmt } from "./toml_lexer.ts";
import { tableLines, tomlInline, tomlKey } from "./toml_emit.ts";

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  countParse();
  try {
    // Integers past 2^53 are read as BigInt: valid TOML (up to 2^63 - 1) that a number would change.
    return toPlain(tomlParse(body, { integersAsBigInt: "asNeeded" })) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) throw parseError("toml", e.line, e.column, e.message.split("\n")[0]);
    throw parseError("toml", 1, 1, e instanceof Error ? e.message : String(e));
  }
}

function checkShape(loc: ServersLocation): void {
  if (loc.shape !== "map") {
    throw new AppError(
      "invalid_input",
      `The TOML codec only handles server maps, not a list at ${showPath(loc.path)}`,
      {},
    );
  }
}

function serversIn(data: Record<string, unknown>, loc: ServersLocation): Record<string, NativeEntry> {
  const found = walk(data, loc.path);
  if (found.badAt !== undefined) {
    throw parseError("toml", 1, 1, `${showPath(loc.path.slice(0, found.badAt))} is not a table`);
  }
  return serversFrom("toml", found.value, loc);
}

function readBody(body: string, loc: ServersLocation): Record<string, NativeEntry> {
  checkShape(loc);
  return serversIn(parseBody(body), loc);
}

const startsWith = (a: readonly string[], prefix: readonly string[]) =>
  prefix.length <= a.length && prefix.every((p, i) => a[i] === p);

const isBlank = (t: string) => /^[ \t]*(\r?\n)?$/.test(t);
const lineBreak = (t: string) => /\r?\n$/.exec(t)?.[0] ?? "";

/** One statement of the document being edited (`live` false once removed). */
interface Seg extends Stmt {
  text: string;
  live: boolean;
}

/** A table section (header up to its last key line) or one loose key/value line of an entry. */
interface Part {
  first: number;
  last: number;
  table: boolean;
}

/** Position of `,` in the code (not the comments) of a gap between inline-table members, or -1. */
function commaIn(gap: string): number {
  let comment = false;
  for (let i = 0; i < gap.length; i++) {
    if (gap[i] === "\n") comment = false;
    else if (gap[i] === "#") comment = true;
    else if (gap[i] === "," && !comment) return i;
  }
  return -1;
}

/**
 * The servers container written as an inline table (`mcp_servers = { a = {...} }`, or deeper inside
 * inline tables), as its members and the gaps between them (spaces, commas, comments, line breaks),
 * so a member can be added, replaced or removed without touching the others.
 */
class InlineScope {
  readonly head: string;
  readonly tail: string;
  /** Key path of the container inside this table (empty when the table is the container). */
  readonly prefix: string[];
  readonly gaps: string[];
  readonly members: { path: string[]; text: string; valueAt: number }[];

  constructor(body: string, seg: Seg, locPath: string[]) {
    let table = inlineTable(body, seg.value![0]);
    let rest = locPath.slice(seg.path.length);
    for (;;) {
      const into = table.members.find((m) =>
        m.path.length <= rest.length && startsWith(rest, m.path) && body[m.valueStart] === "{"
      );
      if (!into || rest.length === 0) break;
      rest = rest.slice(into.path.length);
      table = inlineTable(body, into.valueStart);
    }
    this.prefix = rest;
    this.head = body.slice(seg.start, table.open + 1);
    this.tail = body.slice(table.close, seg.end);
    this.gaps = [];
    this.members = [];
    let at = table.open + 1;
    for (const m of table.members) {
      this.gaps.push(body.slice(at, m.start));
      this.members.push({ path: m.path, text: body.slice(m.start, m.end), valueAt: m.valueStart - m.start });
      at = m.end;
    }
    this.gaps.push(body.slice(at, table.close));
  }

  render(): string {
    let out = this.head + this.gaps[0];
    this.members.forEach((m, i) => (out += m.text + this.gaps[i + 1]));
    return out + this.tail;
  }

  private indexesOf(name: string): number[] {
    const e = [...this.prefix, name];
    const out: number[] = [];
    this.members.forEach((m, i) => startsWith(m.path, e) && out.push(i));
    return out;
  }

  set(name: string, entry: NativeEntry, where: string): void {
    const value = tomlInline(entry, where);
    const key = [...this.prefix, name].map(tomlKey).join(".");
    const hits = this.indexesOf(name);
    if (hits.length === 0) return this.add(`${key} = ${value}`, key.length + 3);
    const m = this.members[hits[0]];
    if (m.path.length === this.prefix.length + 1) m.text = m.text.slice(0, m.valueAt) + value;
    else Object.assign(m, { text: `${key} = ${value}`, valueAt: key.length + 3 });
    for (const i of hits.slice(1).reverse()) this.removeAt(i);
  }

  remove(name: string): void {
    for (const i of this.indexesOf(name).reverse()) this.removeAt(i);
  }

  /** Adds a member after the last one: on its own line when the table spans lines. */
  private add(text: string, valueAt: number): void {
    const k = this.members.length;
    const last = this.gaps[k];
    if (k === 0) {
      this.gaps.splice(0, 1, last.trim() === "" ? " " : last, " ");
    } else if (!last.includes("\n")) {
      this.gaps.splice(k, 1, ", ", last);
    } else {
      const nl = last.indexOf("\n") + 1;
      const [line, rest] = [last.slice(0, nl), last.slice(nl)];
      const prev = this.gaps[k - 1];
      const indent = prev.includes("\n") ? prev.slice(prev.lastIndexOf("\n") + 1) : "  ";
      const eol = lineBreak(line);
      this.gaps.splice(
        k,
        1,
        commaIn(line) >= 0 ? line + indent : "," + line + indent,
        (commaIn(line) >= 0 ? "," : "") + eol + rest,
      );
    }
    this.members.push({ path: [], text, valueAt });
  }

  /** Removes member `i` with the comma that separated it (its own line when it stands on one). */
  private removeAt(i: number): void {
    const k = this.members.length;
    const before = this.gaps[i];
    const after = this.gaps[i + 1];
    this.members.splice(i, 1);
    if (k === 1) {
      const joined = before + after;
      this.gaps.splice(0, 2, joined.includes("#") ? joined.replace(/^([^#\n]*?),/, "$1") : "");
    } else if (i < k - 1) {
      this.gaps.splice(i + 1, 1);
    } else if (!before.includes("\n")) {
      this.gaps.splice(i, 1);
    } else {
      // The last member on a line of its own: drop that line, and the comma before it unless the
      // table writes a trailing comma after its last member.
      const head = before.slice(0, before.lastIndexOf("\n") + 1);
      const nl = after.indexOf("\n");
      const line = nl < 0 ? after : after.slice(0, nl + 1);
      const rest = nl < 0 ? "" : after.slice(nl + 1);
      const c = commaIn(head);
      const kept = commaIn(line) >= 0 || c < 0 ? head : head.slice(0, c) + head.slice(c + 1);
      this.gaps.splice(i, 2, kept + rest);
    }
  }
}

/** The document as a list of statements that the changes edit in place; assembled once at the end. */
class TomlEdit {
  private readonly segs: Seg[];
  /** Entry name -> its table headers and loose key/value statements, in document order. */
  private readonly entries = new Map<string, number[]>();
  private scope?: InlineScope;
  private scopeSeg?: Seg;

  constructor(
    body: string,
    private readonly loc: ServersLocation,
    private readonly data: Record<string, unknown>,
    private readonly eol: string,
  ) {
    countParse();
    this.segs = statements(body).map((s) => ({ ...s, text: body.slice(s.start, s.end), live: true }));
    const n = loc.path.length;
    this.segs.forEach((s, i) => {
      if (s.kind === "trivia") return;
      if (s.kind === "kv" && s.path.length <= n && startsWith(loc.path, s.path)) {
        this.scopeSeg = s;
        return;
      }
      if (s.path.length <= n || !startsWith(s.path, loc.path)) return;
      if (s.kind === "kv" && startsWith(s.table, s.path.slice(0, n + 1))) return;
      const name = s.path[n];
      const list = this.entries.get(name);
      if (list) list.push(i);
      else this.entries.set(name, [i]);
    });
    if (this.scopeSeg) this.scope = new InlineScope(body, this.scopeSeg, loc.path);
  }

  text(): string {
    if (this.scope) this.scopeSeg!.text = this.scope.render();
    let out = "";
    for (const s of this.segs) if (s.live) out += s.text;
    return out;
  }

  apply(name: string, entry: NativeEntry | null): void {
    const e = [...this.loc.path, name];
    const old = walk(this.data, e).value;
    if (entry === null ? old === undefined : deepEqual(old, entry)) return;
    if (this.scope) {
      if (entry === null) this.scope.remove(name);
      else this.scope.set(name, entry, e.join("."));
      return;
    }
    const parts = this.partsOf(name);
    const at = parts.find((p) => p.table);
    if (entry !== null && !at && parts.length > 0) {
      for (const p of parts.slice(1).reverse()) this.segs[p.first].live = false;
      this.replaceKv(this.segs[parts[0].first], e, entry);
      return;
    }
    for (const p of [...parts].reverse()) {
      if (p === at && entry !== null) this.replaceSection(p, tableLines(e, entry));
      else if (p.table) this.removeSection(p);
      else this.segs[p.first].live = false;
    }
    if (entry !== null && !at) this.append(tableLines(e, entry));
  }

  private isHeader(s: Seg): boolean {
    return s.live && (s.kind === "table" || s.kind === "array");
  }

  private partsOf(name: string): Part[] {
    const parts: Part[] = [];
    for (const i of this.entries.get(name) ?? []) {
      const s = this.segs[i];
      if (!s.live) continue;
      if (s.kind === "kv") {
        parts.push({ first: i, last: i, table: false });
        continue;
      }
      let last = i;
      for (let j = i + 1; j < this.segs.length && !this.isHeader(this.segs[j]); j++) {
        if (this.segs[j].live && this.segs[j].kind === "kv") last = j;
      }
      parts.push({ first: i, last, table: true });
    }
    return parts;
  }

  /** An entry written as `name = {...}` keeps its key and comment; dotted keys become one such line. */
  private replaceKv(s: Seg, e: string[], entry: NativeEntry): void {
    const value = tomlInline(entry, e.join("."));
    if (s.path.length === e.length) {
      const [vs, ve] = s.value!;
      s.text = s.text.slice(0, vs - s.start) + value + s.text.slice(ve - s.start);
      return;
    }
    const indent = /^[ \t]*/.exec(s.text)![0];
    s.text = `${indent}${e.slice(s.table.length).map(tomlKey).join(".")} = ${value}${lineBreak(s.text)}`;
  }

  /** Index of the last live statement with text, or -1. */
  private lastLive(before = this.segs.length): number {
    for (let i = before - 1; i >= 0; i--) if (this.segs[i].live && this.segs[i].text !== "") return i;
    return -1;
  }

  private replaceSection(p: Part, lines: string[]): void {
    const last = this.segs[p.last].text;
    const atEnd = this.lastLive() === p.last;
    for (let j = p.first + 1; j <= p.last; j++) this.segs[j].live = false;
    this.segs[p.first].text = lines.join(this.eol) + (atEnd && !last.endsWith("\n") ? "" : this.eol);
  }

  /** Removes a table section and the blank lines after it (or before it, at the end of the file). */
  private removeSection(p: Part): void {
    const blanks: Seg[] = [];
    let j = p.last + 1;
    for (; j < this.segs.length; j++) {
      const s = this.segs[j];
      if (!s.live || s.text === "") continue;
      if (s.kind !== "trivia" || !isBlank(s.text)) break;
      blanks.push(s);
    }
    const endedWithNl = this.segs[this.lastLive()].text.endsWith("\n");
    for (let i = p.first; i <= p.last; i++) this.segs[i].live = false;
    for (const s of blanks) s.live = false;
    if (j < this.segs.length) return;
    for (let i = this.lastLive(p.first); i >= 0; i = this.lastLive(i)) {
      const s = this.segs[i];
      if (s.kind !== "trivia" || !isBlank(s.text)) break;
      s.live = false;
    }
    const last = this.lastLive();
    if (!endedWithNl && last >= 0) {
      const s = this.segs[last];
      s.text = s.text.slice(0, s.text.length - lineBreak(s.text).length);
    }
  }

  /** Appends table lines at the end, one blank line after the existing content. */
  private append(lines: string[]): void {
    const eol = this.eol;
    const last = this.lastLive();
    let blank = true;
    for (let i = last; i >= 0 && blank; i = this.lastLive(i)) blank = isBlank(this.segs[i].text);
    let add: string;
    if (blank) {
      for (const s of this.segs) s.live = false;
      add = lines.join(eol) + eol;
    } else {
      const l = this.segs[last];
      const prev = this.lastLive(last);
      const tail = (prev >= 0 ? this.segs[prev].text : "") + l.text;
      const nl = l.text.endsWith("\n");
      let sep = /\n[ \t]*\r?\n$/.test(tail) ? "" : nl ? eol : eol + eol;
      if (!nl) {
        l.text += eol;
        sep = sep.slice(eol.length);
      }
      add = sep + lines.join(eol) + (nl ? eol : "");
    }
    this.pushLines(add);
  }

  /** Our own lines (table headers, one-line key/values, blank lines) as statements, as the lexer would
   * split them, without lexing them. */
  private pushLines(add: string): void {
    for (let at = 0; at < add.length;) {
      const nl = add.indexOf("\n", at);
      const end = nl < 0 ? add.length : nl + 1;
      const text = add.slice(at, end);
      const kind = text[0] === "[" ? "table" : isBlank(text) ? "trivia" : "kv";
      this.segs.push({ kind, path: [], table: [], start: 0, end: 0, text, live: true });
      at = end;
    }
  }
}

/** The TOML codec. */
export const tomlCodec: Codec = guardDepth({
  format: "toml",
  parse(text: string): unknown {
    return parseBody(splitBom(text).body);
  },
  readServers(text: string, loc: ServersLocation): Record<string, NativeEntry> {
    return readBody(splitBom(text).body, loc);
  },
  writeServers(text: string, loc: ServersLocation, changes: Record<string, NativeEntry | null>): string {
    const { bom, body } = splitBom(text);
    checkShape(loc);
    const data = parseBody(body);
    const before = serversIn(data, loc);
    const names = Object.keys(changes);
    if (
      names.every((n) => changes[n] === null ? !Object.hasOwn(before, n) : deepEqual(before[n], changes[n]))
    ) {
      return text;
    }
    const edit = new TomlEdit(body, loc, data, detectEol(body));
    for (const name of names) edit.apply(name, changes[name]);
    const out = edit.text();
    if (out === body) return text;
    selfCheck("toml", () => readBody(out, loc), expectedAfter(before, changes, loc));
    return bom + out;
  },
});
