/**
 * TOML codec (Codex `config.toml`, servers as `[mcp_servers.<name>]` tables). Parses and validates
 * with smol-toml; edits only the text of the entry's own tables (`[mcp_servers.<name>]` and
 * `[mcp_servers.<name>.*]`), so every other byte stays identical. Entries a user wrote as inline
 * tables or dotted keys are read, and rewritten in the canonical table form when they must change.
 * Only map-shaped containers exist in TOML clients; a list-shaped location is refused.
 */
import { parse as tomlParse, TomlError } from "smol-toml";
import { AppError } from "../../core/errors.ts";
import type { Codec, NativeEntry, ServersLocation } from "../types.ts";
import {
  deepEqual,
  detectEol,
  expectedAfter,
  guardDepth,
  lineEndIncl,
  lineStart,
  parseError,
  parseErrorAt,
  selfCheck,
  serversFrom,
  showPath,
  splitBom,
  toPlain,
  walk,
} from "./shared.ts";
import { statements, type Stmt } from "./toml_lexer.ts";
import { tableLines } from "./toml_emit.ts";

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  try {
    // Integers past 2^53 are read as BigInt: valid TOML (up to 2^63 - 1) that a number would change.
    return toPlain(tomlParse(body, { integersAsBigInt: "asNeeded" })) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) throw parseError("toml", e.line, e.column, e.message.split("\n")[0]);
    throw parseError("toml", 1, 1, e instanceof Error ? e.message : String(e));
  }
}

function readBody(body: string, loc: ServersLocation): Record<string, NativeEntry> {
  if (loc.shape !== "map") {
    throw new AppError(
      "invalid_input",
      `The TOML codec only handles server maps, not a list at ${showPath(loc.path)}`,
      {},
    );
  }
  const found = walk(parseBody(body), loc.path);
  if (found.badAt !== undefined) {
    throw parseError("toml", 1, 1, `${showPath(loc.path.slice(0, found.badAt))} is not a table`);
  }
  return serversFrom("toml", found.value, loc);
}

const startsWith = (a: readonly string[], prefix: readonly string[]) =>
  prefix.length <= a.length && prefix.every((p, i) => a[i] === p);

/** Spans holding entry `e`: its table sections (up to their last key line) and loose key/values. */
function partsOf(stmts: Stmt[], e: string[]): { start: number; end: number; table: boolean }[] {
  const parts: { start: number; end: number; table: boolean }[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    if ((s.kind === "table" || s.kind === "array") && startsWith(s.path, e)) {
      let end = s.end;
      for (let j = i + 1; j < stmts.length && stmts[j].kind !== "table" && stmts[j].kind !== "array"; j++) {
        if (stmts[j].kind === "kv") end = stmts[j].end;
      }
      parts.push({ start: s.start, end, table: true });
    } else if (s.kind === "kv" && startsWith(s.path, e) && !startsWith(s.table, e)) {
      parts.push({ start: s.start, end: s.end, table: false });
    }
  }
  return parts;
}

const blankAt = (t: string, i: number) => /^[ \t]*(\r?\n|$)/.test(t.slice(i, lineEndIncl(t, i)));

/** Removes a table section and the blank lines after it (or before it, at the end of the file). */
function removeSection(text: string, start: number, end: number): string {
  let e = end;
  while (e < text.length && blankAt(text, e)) e = lineEndIncl(text, e);
  if (e < text.length) return text.slice(0, start) + text.slice(e);
  let s = start;
  while (s > 0 && blankAt(text, lineStart(text, s - 1))) s = lineStart(text, s - 1);
  const out = text.slice(0, s);
  return text.endsWith("\n") ? out : out.replace(/\r?\n$/, "");
}

/** Appends table lines at the end of the text, one blank line after the existing content. */
function append(text: string, lines: string[], eol: string): string {
  if (text.trim() === "") return lines.join(eol) + eol;
  const sep = /\n[ \t]*\r?\n$/.test(text) ? "" : text.endsWith("\n") ? eol : eol + eol;
  return text + sep + lines.join(eol) + (text.endsWith("\n") ? eol : "");
}

/** Rewrites a container written as one inline table (`mcp_servers = {...}`) as canonical tables. */
function explodeInline(body: string, loc: ServersLocation, kv: Stmt, eol: string): string {
  const entries = readBody(body, loc);
  const rest = body.slice(0, kv.start) + body.slice(kv.end);
  return Object.keys(entries).reduce(
    (t, n) => append(t, tableLines([...loc.path, n], entries[n]), eol),
    rest.trim() === "" ? "" : rest,
  );
}

function applyOne(body: string, loc: ServersLocation, name: string, entry: NativeEntry | null): string {
  const data = parseBody(body);
  const e = [...loc.path, name];
  const old = walk(data, e).value;
  if (entry === null ? old === undefined : deepEqual(old, entry)) return body;
  const eol = detectEol(body);
  const stmts = statements(body);
  const enclosing = stmts.find((s) => s.kind === "kv" && s.path.length < e.length && startsWith(e, s.path));
  if (enclosing) {
    if (enclosing.path.length < loc.path.length) {
      throw parseErrorAt(
        "toml",
        body,
        enclosing.start,
        `${showPath(enclosing.path)} is an inline table; write it as [table] sections to let us edit ${
          showPath(loc.path)
        }`,
      );
    }
    return applyOne(explodeInline(body, loc, enclosing, eol), loc, name, entry);
  }
  const parts = partsOf(stmts, e);
  const at = parts.find((p) => p.table);
  let out = body;
  for (const p of [...parts].reverse()) {
    if (p === at && entry !== null) {
      const tail = p.end >= out.length && !out.endsWith("\n") ? "" : eol;
      out = out.slice(0, p.start) + tableLines(e, entry).join(eol) + tail + out.slice(p.end);
    } else if (p.table) out = removeSection(out, p.start, p.end);
    else out = out.slice(0, p.start) + out.slice(p.end);
  }
  if (entry !== null && !at) out = append(out, tableLines(e, entry), eol);
  return out;
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
    const before = readBody(body, loc);
    let out = body;
    for (const name of Object.keys(changes)) out = applyOne(out, loc, name, changes[name]);
    if (out === body) return text;
    selfCheck("toml", () => readBody(out, loc), expectedAfter(before, changes, loc));
    return bom + out;
  },
});
