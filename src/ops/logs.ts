/**
 * logs / read_client_logs: the last lines of a client's own MCP log files, where the client writes them
 * (its record's `logs`: a folder per OS or inside the project, file globs, verified OSes, a note). The
 * folder is allowed for reading only (the scoped fs refuses any write there); files are read from their
 * end, never whole. With `server`: that server's own files where the client writes one per server,
 * otherwise the lines that name it. Every line shown passes through the redactor doctor's stderr tails
 * use (secrets.json values, secret-looking variables, env and headers of the client's entries), then the
 * text redactor (secret assignments, token shapes). "Not known", "no log file" and "no files" are
 * answers, not errors. `follow` (the CLI's --follow) prints what is appended afterwards.
 */
import { getClient } from "../clients/registry.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import { logFolder } from "../clients/logs.ts";
import {
  findLogFiles,
  hasPerServerFiles,
  type LogFile,
  type LogLine,
  namesServer,
  readAppended,
  tailLines,
} from "../clients/log_files.ts";
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { redactSecretAssignments, redactText } from "../core/redact.ts";
import { checkProjectDir } from "../deploy/project_dir.ts";
import { clientFilePath, readClientServers } from "../deploy/client_file.ts";
import { userEnvironment } from "../platform/doctor_runtime.ts";
import { literalSecrets, planLaunch } from "../doctor/launch.ts";
import type { Deps } from "../platform/deps.ts";
import { readSecrets } from "../store/secrets.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/logs.ts";

export type LogsInput = InputOf<typeof spec>;

export const DEFAULT_LINES = 50;
export const MAX_LINES = 10_000;

export interface LogsResult {
  client: string;
  client_name: string;
  os: string;
  /** The log folder here (null: none, or not known on this OS). */
  folder: string | null;
  /** The client's log place on this OS is known (it may still write no file). */
  known: boolean;
  /** That place was verified for this OS against the client's source or docs. */
  verified: boolean;
  server: string | null;
  /** How `server` was applied: its own files, or the lines naming it. */
  server_match: "file" | "line" | null;
  files: { path: string; size: number; mtime: string | null }[];
  lines: LogLine[];
  /** The record's note (what a user should know about this client's logs). */
  note: string | null;
  /** Why there are no lines, when there are none for a reason (not known, no file, no folder). */
  message: string | null;
  warnings: string[];
}

function checkLines(n: number | undefined): number {
  if (n === undefined) return DEFAULT_LINES;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_LINES) {
    throw new AppError("invalid_input", `--lines takes a whole number from 1 to ${MAX_LINES}, got ${n}`, {
      lines: n,
    });
  }
  return n;
}

/** Secret values never to show: what doctor's check of each of the client's entries would hide
 * (secrets.json values, secret-looking variables of the environment, the entries' secret env values and
 * headers), then secret assignments and token shapes in the text. */
async function lineRedactor(deps: Deps, c: ClientRecord, projectDir: string | undefined) {
  const secrets = await readSecrets(deps).catch(() => ({} as Record<string, string>));
  // The user's environment (the client passes it to its servers): a referenced token's value is hidden.
  const env = userEnvironment(deps.env);
  const ctx = {
    os: deps.os,
    env,
    projectDir: projectDir ?? deps.userHome,
    userHome: deps.userHome,
    secretValues: Object.values(secrets),
  };
  const entries: [string, unknown][] = [["", { command: "-" }]];
  // The user file, and with a project folder the project file too (its entries' literal secrets).
  const places = projectDir !== undefined && c.projectPath ? [{}, { scope: "project", projectDir }] : [{}];
  for (const place of places) {
    try {
      entries.push(...Object.entries(await readClientServers(deps, c, await clientFilePath(deps, c, place))));
    } catch {
      // no file, or one that cannot be read: the stored secrets, the environment and text shapes still apply
    }
  }
  const values = new Set<string>();
  for (const [name, native] of entries) {
    try {
      const entry = name === "" ? native as NeutralEntry : c.parse(name, native as NativeEntry);
      const plan = planLaunch(c, entry, ctx);
      for (const v of [...plan.secrets, ...literalSecrets(plan.launch)]) values.add(v);
    } catch {
      // an entry the client cannot read starts nothing: nothing of it is in the log
    }
  }
  return (text: string) => redactSecretAssignments(redactText(text, values));
}

/** Where a client's logs are, as a result without lines (or why there is nothing to read). */
interface Place {
  c: ClientRecord;
  folder: string | null;
  base: Omit<LogsResult, "files" | "lines" | "message" | "warnings">;
  message: string | null;
  projectDir?: string;
}

async function placeOf(deps: Deps, input: LogsInput): Promise<Place> {
  const c = getClient(checkName("client", input.client));
  const server = input.server === undefined ? null : input.server;
  if (server !== null && (server === "" || server.length > 200 || /[\0\r\n]/.test(server))) {
    throw new AppError("invalid_input", `--server takes a server name, got ${JSON.stringify(server)}`);
  }
  const spec = c.logs;
  const projectDir = spec?.projectFolder || input.projectDir !== undefined
    ? await checkProjectDir(deps, input.projectDir)
    : undefined;
  // The project folder places the logs of a client that keeps them there (crush), and for every client
  // names the project file whose entries' secrets are hidden too.
  const folder = logFolder(spec, deps.os, deps.env, spec?.projectFolder ? projectDir : undefined);
  const perServer = spec ? hasPerServerFiles(spec.files) : false;
  const base = {
    client: c.id,
    client_name: c.displayName,
    os: deps.os,
    folder,
    known: folder !== null || (!!spec && spec.files.length === 0),
    verified: !!spec && spec.verified.includes(deps.os),
    server,
    server_match: server === null ? null : perServer ? "file" as const : "line" as const,
    note: spec?.note ?? null,
  };
  let message: string | null = null;
  if (spec && !spec.folder && !spec.projectFolder && spec.files.length === 0) {
    message = `${c.displayName} writes no MCP log file here${spec.note ? `; ${spec.note}` : ""}`;
  } else if (folder === null) {
    message = `The log folder is not known for ${c.id} on ${deps.os}${spec?.note ? ` (${spec.note})` : ""}`;
  }
  return { c, folder, base, message, projectDir };
}

/** The server whose own files to list (undefined: every file, filtered by lines where one is named). */
const ownFiles = (p: Place, server: string | undefined) =>
  p.base.server_match === "file" ? server : undefined;

/** The last lines of the client's MCP logs. */
export async function logs(deps: Deps, input: LogsInput): Promise<LogsResult> {
  const want = checkLines(input.lines);
  const p = await placeOf(deps, input);
  const empty = { files: [], lines: [], warnings: [] };
  if (p.folder === null || p.message !== null) return { ...p.base, ...empty, message: p.message };
  deps.policy.allowReadTree(p.folder);
  const spec = p.c.logs!;
  const server = p.base.server ?? undefined;
  const files = await findLogFiles(deps.fs, deps.os, p.folder, spec.files, ownFiles(p, server));
  const shown = files.map((f) => ({ path: f.path, size: f.size, mtime: f.mtime }));
  if (files.length === 0) {
    const there = (await deps.fs.stat(p.folder).catch(() => null))?.isDirectory;
    const which = server === undefined
      ? ""
      : p.base.server_match === "file"
      ? ` for the server "${server}" (${spec.files.filter((g) => g.includes("{server}")).join(", ")})`
      : "";
    const message = `No log files in ${p.folder}${which}${there ? "" : " (the folder does not exist)"}`;
    return { ...p.base, ...empty, files: shown, message };
  }
  const redact = await lineRedactor(deps, p.c, p.projectDir);
  const keep = p.base.server_match === "line" ? (t: string) => namesServer(t, server!) : undefined;
  const warnings: string[] = [];
  const picked: LogLine[][] = [];
  let have = 0;
  for (let i = files.length - 1; i >= 0 && have < want; i--) {
    const f = files[i];
    const t = await tailLines(deps.fs, f.path, f.size, want - have, keep);
    if (t.scanLimited) {
      warnings.push(`Searched only the last ${MAX_SCAN_MIB} MiB of ${f.path} for lines naming "${server}"`);
    }
    picked.push(t.lines.map((text) => ({ file: f.path, text: redact(text) })));
    have += t.lines.length;
  }
  const lines = byTime(picked.reverse().flat());
  const message = lines.length === 0 && server !== undefined && keep
    ? `No line names "${server}" in the last part of ${files.length} file(s)`
    : null;
  return { ...p.base, files: shown, lines, message, warnings };
}

const MAX_SCAN_MIB = 32;

const STAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?/;

/** Lines of several files, newest last: by their own timestamps when every line has one (the files of
 * one session interleave), else as read (files by modification time). */
function byTime(lines: LogLine[]): LogLine[] {
  const stamps = lines.map((l) => STAMP.exec(l.text)?.[0].replace(" ", "T").replace(",", "."));
  if (new Set(lines.map((l) => l.file)).size < 2 || stamps.some((s) => s === undefined)) return lines;
  return lines.map((l, i) => ({ l, s: stamps[i]!, i }))
    .sort((a, b) => a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i)
    .map((x) => x.l);
}

/** How `follow` reports. */
export interface FollowIo {
  lines(lines: LogLine[]): void;
  /** A file truncated, replaced or new. */
  notice(text: string): void;
  /** Stop when it resolves (default: never; the CLI runs until interrupted). */
  stop?: Promise<void>;
  intervalMs?: number;
}

type Seen = { next: number; ino: number | null };

/** Prints what is appended to the client's log files after `start` (the result `logs` returned), until
 * `io.stop`: new files are read from their start, a truncated file from its new start, a file replaced at
 * its path (rotation) from the start of the new one, a renamed file where it was. */
export async function follow(deps: Deps, input: LogsInput, start: LogsResult, io: FollowIo): Promise<void> {
  const p = await placeOf(deps, input);
  if (p.folder === null || p.message !== null) return;
  deps.policy.allowReadTree(p.folder);
  const spec = p.c.logs!;
  const server = p.base.server ?? undefined;
  const keep = p.base.server_match === "line" ? (t: string) => namesServer(t, server!) : () => true;
  const redact = await lineRedactor(deps, p.c, p.projectDir);
  /** Per path: where the next read starts, and the file's inode. */
  let at = new Map<string, Seen>();
  const sizeAtStart = new Map(start.files.map((f) => [f.path, f.size]));
  for (const f of await findLogFiles(deps.fs, deps.os, p.folder, spec.files, ownFiles(p, server))) {
    at.set(f.path, { next: sizeAtStart.get(f.path) ?? f.size, ino: f.ino });
  }
  let stopped = false;
  io.stop?.then(() => stopped = true);
  const never = new Promise<void>(() => {});
  const readNew = async (f: LogFile, seen: Seen | undefined, byIno: Map<number | null, number>) => {
    let from: number;
    if (seen && (seen.ino === f.ino || f.ino === null)) {
      from = seen.next;
      if (f.size < from) {
        io.notice(`${f.path} was truncated: reading it from its start`);
        from = 0;
      }
    } else if (f.ino !== null && byIno.has(f.ino)) {
      from = byIno.get(f.ino)!; // renamed (rotated away): carry on where it was
    } else {
      io.notice(seen ? `${f.path} was replaced: reading the new file` : `new log file ${f.path}`);
      from = 0;
    }
    while (from < f.size) {
      const got = await readAppended(deps.fs, f.path, from);
      if (got.next === from) break;
      from = got.next;
      const shown = got.lines.filter(keep).map((text) => ({ file: f.path, text: redact(text) }));
      if (shown.length) io.lines(shown);
    }
    return { next: from, ino: f.ino };
  };
  while (!stopped) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([new Promise((r) => timer = setTimeout(r, io.intervalMs ?? 250)), io.stop ?? never]);
    clearTimeout(timer);
    if (stopped) break;
    deps.policy.forget(); // a file replaced by a link since is checked again
    const now = await findLogFiles(deps.fs, deps.os, p.folder, spec.files, ownFiles(p, server));
    const byIno = new Map([...at.values()].map((s) => [s.ino, s.next]));
    byIno.delete(null);
    const next = new Map<string, Seen>();
    for (const f of now) next.set(f.path, await readNew(f, at.get(f.path), byIno));
    at = next;
  }
}
