/**
 * Reading a client's own MCP log files (`logs`): the files of its log folder that match the record's
 * globs (`{server}`: a server's name), and their last lines read from the end in windows (`readAt`),
 * never the whole of a large file; then, for `--follow`, what was appended since. Read only: every call
 * goes through the FileSystem it is given (the scoped one, where the log folder is allowed for reading).
 */
import type { FileSystem } from "../platform/fs.ts";
import type { OS } from "../platform/host.ts";
import { pathFor } from "./paths.ts";

/** One log file found. */
export interface LogFile {
  path: string;
  size: number;
  /** ISO time of the last change (null where the platform has none). */
  mtime: string | null;
  mtimeMs: number;
  /** Inode (null where none): a new file at the same path is a rotation. */
  ino: number | null;
}

/** One line shown, with the file it comes from. */
export interface LogLine {
  file: string;
  text: string;
}

/** Bytes read per window from the end of a file. */
export const WINDOW_BYTES = 64 * 1024;
/** A line longer than this is cut (the rest is not kept in memory). */
export const MAX_LINE_BYTES = 16 * 1024;
/** At most this much of one file is searched for lines naming a server (from the end). */
export const MAX_SCAN_BYTES = 32 * 1024 * 1024;
/** At most this many files are listed (a folder of old logs). */
const MAX_FILES = 2000;

const dec = new TextDecoder();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One glob segment as a regular expression: `*` any run of characters, `?` one, `{server}` the name
 * (or anything when no name is given). */
function segmentRe(seg: string, server: string | undefined): RegExp {
  const parts = seg.split("{server}").map((p) => escapeRe(p).replace(/\\\*/g, ".*").replace(/\\\?/g, "."));
  return new RegExp(`^${parts.join(server === undefined ? ".+" : escapeRe(server))}$`);
}

/** True when the record writes one file (or folder) per server. */
export function hasPerServerFiles(globs: readonly string[]): boolean {
  return globs.some((g) => g.includes("{server}"));
}

/** The files under `folder` matching `globs` (segments separated by `/`), oldest first (by mtime, then
 * path). With `server`, only the globs naming a server, filled with that name. */
export async function findLogFiles(
  fs: FileSystem,
  os: OS,
  folder: string,
  globs: readonly string[],
  server?: string,
): Promise<LogFile[]> {
  const p = pathFor(os);
  const chosen = server === undefined ? globs : globs.filter((g) => g.includes("{server}"));
  const found = new Map<string, LogFile>();
  const walk = async (dir: string, segs: string[]): Promise<void> => {
    if (found.size >= MAX_FILES) return;
    const [seg, ...rest] = segs;
    const names = /[*?{]/.test(seg)
      ? (await fs.readDir(dir)).filter((n) => segmentRe(seg, server).test(n))
      : [seg];
    for (const name of names) {
      const path = p.join(dir, name);
      const info = await fs.stat(path).catch(() => null);
      if (!info) continue;
      if (rest.length) {
        if (info.isDirectory) await walk(path, rest);
      } else if (info.isFile && found.size < MAX_FILES) {
        found.set(path, {
          path,
          size: info.size,
          mtime: info.mtimeMs === null ? null : new Date(info.mtimeMs).toISOString(),
          mtimeMs: info.mtimeMs ?? 0,
          ino: info.ino ?? null,
        });
      }
    }
  };
  for (const g of chosen) await walk(folder, g.split("/").filter((s) => s !== ""));
  return [...found.values()].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Text of one line's bytes (a `\r` before the newline dropped; a cut line marked). */
function lineText(bytes: Uint8Array, cut: boolean): string {
  const t = dec.decode(bytes).replace(/\r$/, "");
  return cut ? `${t} [line cut at ${MAX_LINE_BYTES} bytes]` : t;
}

/** What a tail read found. */
export interface Tail {
  /** Oldest first. */
  lines: string[];
  /** The search stopped at MAX_SCAN_BYTES before the start of the file. */
  scanLimited: boolean;
}

/**
 * The last `want` lines of the first `size` bytes of `path` that `keep` accepts, oldest first, read
 * backwards in windows of WINDOW_BYTES: only the end of a large file is read (at most MAX_SCAN_BYTES
 * when few lines match). A last line without its newline (being written) counts.
 */
export async function tailLines(
  fs: FileSystem,
  path: string,
  size: number,
  want: number,
  keep: (line: string) => boolean = () => true,
): Promise<Tail> {
  const out: string[] = [];
  let pos = size;
  /** Bytes from the start of the window to the first newline after it: the end of a line whose start
   * is further back (at most MAX_LINE_BYTES kept). */
  let carry: Uint8Array = new Uint8Array(0);
  let cut = false;
  let last = true;
  while (out.length < want && pos > 0) {
    if (size - pos >= MAX_SCAN_BYTES) return { lines: out.reverse(), scanLimited: true };
    const start = Math.max(0, pos - WINDOW_BYTES);
    const chunk = await fs.readAt(path, start, pos - start);
    pos = start;
    let buf = concat(chunk, carry);
    let end = buf.length;
    for (let i = chunk.length - 1; i >= 0 && out.length < want; i--) {
      if (buf[i] !== 0x0a) continue;
      const line = buf.subarray(i + 1, end);
      if (!(last && line.length === 0)) {
        const text = lineText(line, cut);
        if (keep(text)) out.push(text);
      }
      last = false;
      cut = false;
      end = i;
    }
    buf = buf.subarray(0, end);
    if (buf.length > MAX_LINE_BYTES) {
      buf = buf.subarray(0, MAX_LINE_BYTES);
      cut = true;
    }
    carry = buf.slice();
    if (pos === 0 && out.length < want && (carry.length > 0 || !last)) {
      const text = lineText(carry, cut);
      if (!(last && carry.length === 0) && keep(text)) out.push(text);
    }
  }
  return { lines: out.reverse(), scanLimited: false };
}

/** Complete lines appended to `path` from byte `from` (at most `max` bytes read), and where the next
 * read starts: after the last newline (a line being written waits for its end, unless it is longer than
 * `max`). */
export async function readAppended(
  fs: FileSystem,
  path: string,
  from: number,
  max = 1024 * 1024,
): Promise<{ lines: string[]; next: number }> {
  const bytes = await fs.readAt(path, from, max);
  const lastNl = bytes.lastIndexOf(0x0a);
  if (lastNl < 0) {
    if (bytes.length < max) return { lines: [], next: from };
    return {
      lines: [lineText(bytes.subarray(0, MAX_LINE_BYTES), bytes.length > MAX_LINE_BYTES)],
      next: from + bytes.length,
    };
  }
  const lines: string[] = [];
  let s = 0;
  for (let i = 0; i <= lastNl; i++) {
    if (bytes[i] !== 0x0a) continue;
    const line = bytes.subarray(s, i);
    lines.push(lineText(line.subarray(0, MAX_LINE_BYTES), line.length > MAX_LINE_BYTES));
    s = i + 1;
  }
  return { lines, next: from + lastNl + 1 };
}

/** True when `line` names `server`: the name as a whole word (not inside a longer name). */
export function namesServer(line: string, server: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRe(server)}($|[^A-Za-z0-9_-])`).test(line);
}
