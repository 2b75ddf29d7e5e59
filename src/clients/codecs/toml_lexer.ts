/**
 * Splits (already validated) TOML text into top-level statements with their source spans: table
 * headers, array-of-tables headers, key/value lines (a value may span lines: multi-line strings,
 * arrays, inline tables) and trivia (blank or comment-only lines). Keys are decoded, so
 * `[mcp_servers."my.server"]` has the path ["mcp_servers", "my.server"].
 */

/** One top-level statement. `end` is just after its last line break (or the end of the text). */
export interface Stmt {
  kind: "table" | "array" | "kv" | "trivia";
  /** Header path, or for a key/value the full path (enclosing table + dotted key). */
  path: string[];
  /** The table a key/value belongs to (for a header: its own path). */
  table: string[];
  start: number;
  end: number;
  /** For a key/value: where its value starts and ends. */
  value?: [number, number];
}

/** One member of an inline table (`key = value`), with offsets in the text. */
export interface InlineMember {
  /** The decoded (dotted) key. */
  path: string[];
  /** Where the key starts. */
  start: number;
  /** Where the value starts and ends (the member ends with its value). */
  valueStart: number;
  end: number;
}

/** An inline table: offsets of its braces and its members in order. */
export interface InlineTable {
  open: number;
  close: number;
  members: InlineMember[];
}

const ESCAPES: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\x1b",
  '"': '"',
  "\\": "\\",
};

function skipWs(t: string, i: number): number {
  while (t[i] === " " || t[i] === "\t") i++;
  return i;
}

/** Skips whitespace, line breaks and comments (inside arrays and inline tables). */
function skipFill(t: string, i: number): number {
  for (;;) {
    i = skipWs(t, i);
    if (t[i] === "\r" || t[i] === "\n") i++;
    else if (t[i] === "#") { while (i < t.length && t[i] !== "\n") i++; }
    else return i;
  }
}

function lineEnd(t: string, i: number): number {
  const n = t.indexOf("\n", i);
  return n < 0 ? t.length : n + 1;
}

/** Reads a basic string starting at the opening quote: [decoded, index after closing quote]. */
function basicString(t: string, i: number): [string, number] {
  let out = "";
  for (i++; i < t.length && t[i] !== '"'; i++) {
    if (t[i] !== "\\") {
      out += t[i];
      continue;
    }
    const c = t[++i];
    if (c in ESCAPES) out += ESCAPES[c];
    else {
      const len = c === "u" ? 4 : c === "U" ? 8 : 2;
      out += String.fromCodePoint(parseInt(t.slice(i + 1, i + 1 + len), 16));
      i += len;
    }
  }
  return [out, i + 1];
}

/** Reads a dotted key: [segments, index after it]. */
export function readKey(t: string, i: number): [string[], number] {
  const segs: string[] = [];
  for (;;) {
    i = skipWs(t, i);
    if (t[i] === '"') {
      const [s, j] = basicString(t, i);
      segs.push(s);
      i = j;
    } else if (t[i] === "'") {
      const j = t.indexOf("'", i + 1);
      segs.push(t.slice(i + 1, j));
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(t.slice(i, i + 1024))!;
      segs.push(m[0]);
      i += m[0].length;
    }
    i = skipWs(t, i);
    if (t[i] !== ".") return [segs, i];
    i++;
  }
}

/** Index just after the value starting at `i`. */
function skipValue(t: string, i: number): number {
  for (const q of ['"""', "'''"]) {
    if (t.startsWith(q, i)) {
      let j = i + 3;
      for (; j < t.length && !t.startsWith(q, j); j++) if (q === '"""' && t[j] === "\\") j++;
      j += 3;
      for (let k = 0; k < 2 && t[j] === q[0]; k++) j++;
      return j;
    }
  }
  if (t[i] === '"') return basicString(t, i)[1];
  if (t[i] === "'") return t.indexOf("'", i + 1) + 1;
  if (t[i] === "[" || t[i] === "{") {
    const close = t[i] === "[" ? "]" : "}";
    for (i = skipFill(t, i + 1); t[i] !== close; i = skipFill(t, i)) {
      if (t[i] === ",") {
        i++;
        continue;
      }
      if (close === "}") i = skipWs(t, readKey(t, i)[1] + 1);
      i = skipValue(t, i);
    }
    return i + 1;
  }
  const m = /^(\d{4}-\d{2}-\d{2}[ ]\d{2}:|[^ \t\r\n,\]}#])[^ \t\r\n,\]}#]*/.exec(t.slice(i, i + 256));
  return i + (m ? m[0].length : 0);
}

/** The inline table whose `{` is at `open`, with its members' spans (comments and TOML 1.1 line breaks
 * and trailing commas allowed between members). */
export function inlineTable(t: string, open: number): InlineTable {
  const members: InlineMember[] = [];
  let i = skipFill(t, open + 1);
  while (t[i] !== "}") {
    if (t[i] === ",") {
      i = skipFill(t, i + 1);
      continue;
    }
    const start = i;
    const [path, k] = readKey(t, i);
    const valueStart = skipWs(t, k + 1);
    const end = skipValue(t, valueStart);
    members.push({ path, start, valueStart, end });
    i = skipFill(t, end);
  }
  return { open, close: i, members };
}

/** The statements of `text`, in order; their spans cover the whole text. */
export function statements(text: string): Stmt[] {
  const out: Stmt[] = [];
  let table: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const j = skipWs(text, i);
    const c = text[j];
    if (c === undefined || c === "\r" || c === "\n" || c === "#") {
      i = lineEnd(text, j);
      out.push({ kind: "trivia", path: [], table, start, end: i });
    } else if (c === "[") {
      const array = text[j + 1] === "[";
      const [path, k] = readKey(text, j + (array ? 2 : 1));
      table = path;
      i = lineEnd(text, k);
      out.push({ kind: array ? "array" : "table", path, table, start, end: i });
    } else {
      const [key, k] = readKey(text, j);
      const vs = skipWs(text, k + 1);
      const v = skipValue(text, vs);
      i = lineEnd(text, v);
      out.push({ kind: "kv", path: [...table, ...key], table, start, end: i, value: [vs, v] });
    }
  }
  return out;
}
