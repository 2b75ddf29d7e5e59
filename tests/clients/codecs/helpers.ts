/**
 * Shared test helpers for the codec tests: the sample files and where their servers live, value
 * generators (unicode, quotes, backslashes, empty strings, `__proto__`-like names), independent
 * span finders (from the parsers' own node positions) and the expected-data builder.
 */
import fc from "../../helpers/fc.ts";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import type { Format, NativeEntry, ServersLocation } from "../../../src/clients/types.ts";

export const SAMPLES_DIR = new URL("../../fixtures/samples/", import.meta.url);

/** A sample file, its format and the server locations inside it. */
export interface Sample {
  file: string;
  format: Format;
  locs: ServersLocation[];
}

const map = (...path: string[]): ServersLocation => ({ path, shape: "map" });

export const SAMPLES: Sample[] = [
  {
    file: "claude_code.json",
    format: "json",
    locs: [
      map("mcpServers"),
      map("projects", "/home/ana/src/app", "mcpServers"),
      map("projects", "/home/ana/notes", "mcpServers"),
    ],
  },
  { file: "claude_desktop_crlf.json", format: "json", locs: [map("mcpServers")] },
  { file: "cursor_bom_tabs.json", format: "json", locs: [map("mcpServers")] },
  { file: "vscode_mcp.jsonc", format: "jsonc", locs: [map("servers")] },
  { file: "zed_settings.jsonc", format: "jsonc", locs: [map("context_servers")] },
  { file: "opencode_bom_crlf.jsonc", format: "jsonc", locs: [map("mcp", "servers")] },
  {
    file: "continue_config.yaml",
    format: "yaml",
    locs: [{ path: ["mcpServers"], shape: "list", nameKey: "name" }],
  },
  {
    file: "continue_bom_crlf.yaml",
    format: "yaml",
    locs: [{ path: ["mcpServers"], shape: "list", nameKey: "name" }],
  },
  { file: "goose_config.yaml", format: "yaml", locs: [map("extensions")] },
  { file: "codex_config.toml", format: "toml", locs: [map("mcp_servers")] },
  { file: "codex_crlf.toml", format: "toml", locs: [map("mcp_servers")] },
  { file: "codex_bom_inline.toml", format: "toml", locs: [map("mcp_servers")] },
];

/** The text of a sample file. */
export function readSample(file: string): string {
  return Deno.readTextFileSync(new URL(file, SAMPLES_DIR));
}

/** Own-property object from pairs (safe for `__proto__`). */
export function own(pairs: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of pairs) {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** Deep copy into ordinary objects (fast-check may build null-prototype records). */
export function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v !== null) {
    return own(Object.keys(v).map((k) => [k, plain((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const tricky = fc.constantFrom(
  "",
  "true",
  "null",
  "1.5",
  "-y",
  "@scope/pkg",
  'a"b',
  "a\\b",
  "line\nbreak",
  "tab\there",
  "#",
  "a: b",
  "ü日本🎉",
  "${VAR}",
  "yes",
  "~",
  "'single'",
  " lead",
  "trail ",
  "C:\\Users\\ana",
  "\u2028",
  "\u0085",
  "\u0000x",
);
/** Strings with unicode, quotes, backslashes, line breaks and YAML/TOML-ambiguous words. */
export const str = fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), tricky);
/** Server names, including prototype-ish keys and names needing quotes. */
export const nameArb = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "my.server",
    "with space",
    'q"uote',
    "back\\slash",
    "ünï",
    "",
  ),
  fc.string({ unit: "grapheme", maxLength: 10 }),
);
const dict = fc.array(fc.tuple(fc.oneof(str, fc.constantFrom("__proto__", "constructor")), str), {
  maxLength: 3,
}).map(own);
const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((
  n,
) => (n === 0 ? 0 : n));
/** A native entry: command/args/env plus optional scalars and nested objects. */
export const entryArb: fc.Arbitrary<NativeEntry> = fc.record(
  {
    command: str,
    args: fc.array(str, { maxLength: 4 }),
    env: dict,
    timeout: num,
    enabled: fc.boolean(),
    headers: dict,
  },
  { requiredKeys: ["command"] },
).map((e) => plain(e) as NativeEntry);

/** `doc` (plain data) with entry `name` set (or removed) at `loc`, as the codec should leave it. */
export function withChange(
  doc: unknown,
  loc: ServersLocation,
  name: string,
  entry: NativeEntry | null,
): unknown {
  const out = structuredClone(doc) as Record<string, unknown>;
  let cur = out;
  for (const seg of loc.path.slice(0, -1)) {
    if (!Object.hasOwn(cur, seg) || cur[seg] === null) Object.assign(cur, own([[seg, {}]]));
    cur = cur[seg] as Record<string, unknown>;
  }
  const last = loc.path.at(-1)!;
  if (loc.shape === "map") {
    const c = (Object.hasOwn(cur, last) && cur[last]) ? cur[last] as Record<string, unknown> : {};
    if (entry === null) delete c[name];
    else {Object.defineProperty(c, name, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });}
    if (entry !== null || Object.hasOwn(cur, last)) {
      Object.defineProperty(cur, last, { value: c, enumerable: true, writable: true, configurable: true });
    }
  } else {
    const list = (cur[last] ?? []) as Record<string, unknown>[];
    const item = entry &&
      own([[loc.nameKey, name], ...Object.entries(entry).filter(([k]) => k !== loc.nameKey)]);
    const i = list.findIndex((x) => x[loc.nameKey] === name);
    if (item === null) cur[last] = list.filter((x) => x[loc.nameKey] !== name);
    else if (i >= 0) list[i] = item;
    else cur[last] = [...list, item];
  }
  return out;
}

/** `doc` without the servers container when that container is empty (TOML drops implicit tables). */
export function dropEmpty(doc: unknown, loc: ServersLocation): unknown {
  const out = structuredClone(doc) as Record<string, unknown>;
  let cur: Record<string, unknown> | undefined = out;
  for (const seg of loc.path.slice(0, -1)) cur = cur?.[seg] as Record<string, unknown> | undefined;
  const last = loc.path.at(-1)!;
  const c = cur && Object.hasOwn(cur, last) ? cur[last] : undefined;
  if (cur && c && typeof c === "object" && Object.keys(c).length === 0) delete cur[last];
  return out;
}

const lineStart = (t: string, p: number) => t.lastIndexOf("\n", p - 1) + 1;
const lineEnd = (t: string, p: number) => (t.indexOf("\n", p) < 0 ? t.length : t.indexOf("\n", p) + 1);

/**
 * Where entry `name` sits in `text`: `[keepBefore, keepAfter)` is the region a replace or remove of
 * that entry may change; every byte before/after it must survive. Found with the parsers' own
 * node positions (or header lines for TOML), independently of the codec.
 */
export function entryRegion(
  text: string,
  format: Format,
  loc: ServersLocation,
  name: string,
): [number, number] {
  if (format === "json" || format === "jsonc") {
    const root = parseTree(text, [], { allowTrailingComma: true })!;
    const container = findNodeAtLocation(root, loc.path)!;
    const kids = container.children!;
    const i = kids.findIndex((p) => p.children![0].value === name);
    const prev = kids[i - 1];
    const next = kids[i + 1];
    return [
      prev ? prev.offset + prev.length : container.offset + 1,
      next ? next.offset : container.offset + container.length - 1,
    ];
  }
  if (format === "yaml") {
    const doc = parseDocument(text);
    let node = doc.contents as YAMLMap | YAMLSeq;
    for (const seg of loc.path) node = (node as YAMLMap).get(seg, true) as unknown as YAMLMap | YAMLSeq;
    if (isSeq(node)) {
      const item = node.items.find((it) =>
        isMap(it) && it.get((loc as { nameKey: string }).nameKey) === name
      ) as Node;
      return [lineStart(text, text.lastIndexOf("-", item.range![0])), lineEnd(text, item.range![1] - 1)];
    }
    const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === name)!;
    const v = pair.value as Node;
    return [lineStart(text, (pair.key as Node).range![0]), lineEnd(text, v.range![1] - 1)];
  }
  const lines = [...text.matchAll(/^\[\[?([^\]\n]*)\]/gm)];
  const mine = (h: string) => h.replace(/"/g, "").startsWith(`${loc.path.join(".")}.${name}`);
  const first = lines.find((m) => mine(m[1]))!;
  const after = lines.find((m) => m.index! > first.index! && !mine(m[1]));
  let start = first.index!;
  while (start > 0 && /^\s*$/.test(text.slice(lineStart(text, start - 1), start))) {
    start = lineStart(text, start - 1);
  }
  return [start, after ? after.index! : text.length];
}

/** Asserts `after` kept every byte of `before` outside `[a, b)`. */
export function keptOutside(before: string, after: string, [a, b]: [number, number]): boolean {
  return after.startsWith(before.slice(0, a)) && after.endsWith(before.slice(b)) &&
    after.length >= a + (before.length - b);
}
