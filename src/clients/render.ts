/**
 * The generic renderer/parser every client record is built from. A record gives an `EntryShape` (field
 * names, type labels, where headers go, defaults) and gets `render`/`parse` that:
 *   render: adapt (bridge / `cmd /c`) -> names-only hook -> secret syntax -> field names
 *   parse:  field names -> names-only hook -> secret syntax back to `${VAR}` -> unadapt
 * so that `parse(render(x))` gives back `x` for everything the client can express.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shapeCodec } from "./render.ts";
 * const r = shapeCodec({ secretSyntax: "env-colon", remote: "native", remoteUrlKey: "serverUrl" });
 * const ctx = { os: "linux", secrets: "reference", resolveSecret: () => undefined } as const;
 * assert.deepEqual(r.render("s", { type: "http", url: "https://x" }, ctx), { serverUrl: "https://x" });
 * ```
 */
import type { NeutralEntry, NeutralRemote, NeutralStdio } from "../core/neutral.ts";
import { isRemote } from "../core/neutral.ts";
import { secretIn, secretOut } from "./secrets.ts";
import { adapt, type RemoteMode, unadapt } from "./transforms.ts";
import type { NativeEntry, RenderContext, SecretSyntax } from "./types.ts";

/** Client-specific handling of secret names ("names-only" clients: codex, goose). */
export interface NamesHook {
  /** Native keys the hook owns (never carried as extra fields). */
  keys: string[];
  /** Reference mode only: moves what the client can express by name out of `e` into native fields. */
  extract(e: NeutralEntry): { entry: NeutralEntry; native: NativeEntry };
  /** Folds those native fields back into the parsed neutral entry. */
  restore(e: NeutralEntry, native: NativeEntry): NeutralEntry;
}

/** Everything that differs in how one server entry is written. Defaults are the Claude Desktop shape. */
export interface EntryShape {
  secretSyntax: SecretSyntax;
  remote: RemoteMode;
  /** `type` written for a stdio entry ("stdio", "local"); none when undefined. */
  stdioType?: string;
  /** `type` labels for remotes; none when undefined (the client infers the transport). */
  remoteTypes?: { http: string; sse: string };
  commandKey?: string; // "command"
  /** true: `command: [cmd, ...args]` in one array (opencode). */
  argv?: boolean;
  argsKey?: string; // "args"
  envKey?: string; // "env"
  /** Key of the working folder; null when the client has none (then `cwd` is dropped). */
  cwdKey?: string | null; // "cwd"
  /** URL key; a pair when it differs by transport (gemini: httpUrl / url). */
  remoteUrlKey?: string | { http: string; sse: string }; // "url"
  headersPath?: string[]; // ["headers"]
  /** Older URL keys still read on parse, with the transport they mean (gemini `httpUrl`). */
  legacyUrlKeys?: Record<string, "http" | "sse">;
  /** The entry carries its own name under this key (goose `name`, continue list items). */
  nameKey?: string;
  /** Written when the entry does not set them, dropped on parse when equal. */
  stdioDefaults?: NativeEntry;
  remoteDefaults?: NativeEntry;
  /** When set, only these extra (unknown) neutral fields are written (strict schemas). */
  allowedExtras?: string[];
  names?: NamesHook;
}

export interface EntryCodec {
  render(name: string, entry: NeutralEntry, ctx: RenderContext): NativeEntry;
  parse(name: string, native: NativeEntry): NeutralEntry;
}

const STDIO_FIELDS = ["command", "args", "env", "cwd", "type"];
const REMOTE_FIELDS = ["type", "url", "headers"];

function mapStrings<T>(v: T, f: (s: string) => string): T {
  if (typeof v === "string") return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f)) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)])) as T;
  }
  return v;
}

/** Applies `f` to the strings of the standard fields (not to extra fields, which are kept as given). */
function mapSecrets(e: NeutralEntry, f: (s: string) => string): NeutralEntry {
  const keys = isRemote(e) ? ["url", "headers"] : ["command", "args", "env", "cwd"];
  const out: Record<string, unknown> = { ...e };
  for (const k of keys) if (out[k] !== undefined) out[k] = mapStrings(out[k], f);
  return out as NeutralEntry;
}

function extrasOf(e: NeutralEntry, known: string[], allowed?: string[]): NativeEntry {
  return Object.fromEntries(
    Object.entries(e).filter(([k]) => !known.includes(k) && (!allowed || allowed.includes(k))),
  );
}

function setPath(target: NativeEntry, path: string[], value: unknown): void {
  let node = target;
  for (const p of path.slice(0, -1)) {
    if (!node[p] || typeof node[p] !== "object") node[p] = {};
    node = node[p] as NativeEntry;
  }
  node[path[path.length - 1]] = value;
}

function urlKey(s: EntryShape, type: "http" | "sse"): string {
  const k = s.remoteUrlKey ?? "url";
  return typeof k === "string" ? k : k[type];
}

function withDefaults(out: NativeEntry, defaults: NativeEntry | undefined): NativeEntry {
  for (const [k, v] of Object.entries(defaults ?? {})) if (!(k in out)) out[k] = structuredClone(v);
  return out;
}

function stdioOut(s: EntryShape, name: string, e: NeutralStdio): NativeEntry {
  const out: NativeEntry = {};
  if (s.nameKey) out[s.nameKey] = name;
  if (s.stdioType) out.type = s.stdioType;
  if (s.argv) out[s.commandKey ?? "command"] = [e.command, ...(e.args ?? [])];
  else {
    out[s.commandKey ?? "command"] = e.command;
    if (e.args !== undefined) out[s.argsKey ?? "args"] = e.args;
  }
  if (e.env !== undefined) out[s.envKey ?? "env"] = e.env;
  const cwdKey = s.cwdKey === undefined ? "cwd" : s.cwdKey;
  if (e.cwd !== undefined && cwdKey) out[cwdKey] = e.cwd;
  return out;
}

function remoteOut(s: EntryShape, name: string, e: NeutralRemote): NativeEntry {
  const out: NativeEntry = {};
  if (s.nameKey) out[s.nameKey] = name;
  if (s.remoteTypes) out.type = s.remoteTypes[e.type];
  out[urlKey(s, e.type)] = e.url;
  if (e.headers !== undefined) setPath(out, s.headersPath ?? ["headers"], e.headers);
  return out;
}

/** Neutral -> native for a shape. */
export function renderShape(
  s: EntryShape,
  name: string,
  entry: NeutralEntry,
  ctx: RenderContext,
): NativeEntry {
  let e = adapt(entry, s.remote, ctx.os);
  let named: NativeEntry = {};
  if (ctx.secrets === "reference" && s.names) ({ entry: e, native: named } = s.names.extract(e));
  e = mapSecrets(e, (x) => secretOut(x, s.secretSyntax, ctx));
  const remote = isRemote(e);
  const core = remote ? remoteOut(s, name, e as NeutralRemote) : stdioOut(s, name, e as NeutralStdio);
  const extras = extrasOf(e, remote ? REMOTE_FIELDS : STDIO_FIELDS, s.allowedExtras);
  const out = { ...core, ...named };
  for (const [k, v] of Object.entries(extras)) if (!(k in out)) out[k] = v;
  return withDefaults(out, remote ? s.remoteDefaults : s.stdioDefaults);
}

/** The legacy URL key present in `n`, if any. */
function legacyUrl(s: EntryShape, n: NativeEntry): [string, "http" | "sse"] | undefined {
  return Object.entries(s.legacyUrlKeys ?? {}).find(([k]) => typeof n[k] === "string");
}

function isRemoteNative(s: EntryShape, n: NativeEntry): boolean {
  if (legacyUrl(s, n)) return true;
  if (s.argv) return n.type === "remote" || typeof n[urlKey(s, "http")] === "string";
  const cmd = n[s.commandKey ?? "command"];
  if (typeof cmd === "string") return false;
  return typeof n[urlKey(s, "http")] === "string" || typeof n[urlKey(s, "sse")] === "string";
}

function remoteTypeIn(s: EntryShape, n: NativeEntry): "http" | "sse" {
  if (s.remoteTypes) {
    const { http, sse } = s.remoteTypes; // one label for both (opencode "remote"): read back as http
    return http !== sse && n.type === sse ? "sse" : "http";
  }
  if (n.type === "sse") return "sse"; // a hand-written label on a client that infers the transport
  const k = s.remoteUrlKey;
  if (k && typeof k !== "string" && typeof n[k.http] !== "string" && typeof n[k.sse] === "string") {
    return "sse";
  }
  return "http";
}

function getPath(n: NativeEntry, path: string[]): unknown {
  let node: unknown = n;
  for (const p of path) node = node && typeof node === "object" ? (node as NativeEntry)[p] : undefined;
  return node;
}

function withoutDefaults(n: NativeEntry, defaults: NativeEntry | undefined): NativeEntry {
  const out = { ...n };
  for (const [k, v] of Object.entries(defaults ?? {})) {
    if (JSON.stringify(out[k]) === JSON.stringify(v)) delete out[k];
  }
  return out;
}

/** Native -> neutral for a shape. */
export function parseShape(s: EntryShape, _name: string, native: NativeEntry): NeutralEntry {
  const remote = isRemoteNative(s, native);
  const n = withoutDefaults(native, remote ? s.remoteDefaults : s.stdioDefaults);
  const used = new Set<string>(["type", ...(s.names?.keys ?? [])]);
  if (s.nameKey) used.add(s.nameKey);
  let e: NeutralEntry;
  if (remote) {
    const legacy = legacyUrl(s, n);
    const type = legacy ? legacy[1] : remoteTypeIn(s, n);
    const uk = legacy ? legacy[0] : urlKey(s, type);
    used.add(uk);
    const hp = s.headersPath ?? ["headers"];
    used.add(hp[0]);
    e = { type, url: String(n[uk]) };
    const headers = getPath(n, hp);
    if (headers !== undefined) e.headers = headers as Record<string, string>;
    if (hp.length > 1 && n[hp[0]] && typeof n[hp[0]] === "object") {
      const { [hp[1]]: _h, ...rest } = n[hp[0]] as NativeEntry; // e.g. requestOptions minus headers
      if (Object.keys(rest).length > 0) e[hp[0]] = rest;
    }
  } else {
    const ck = s.commandKey ?? "command", ak = s.argsKey ?? "args", ek = s.envKey ?? "env";
    const cwdKey = s.cwdKey === undefined ? "cwd" : s.cwdKey;
    [ck, ak, ek].forEach((k) => used.add(k));
    if (cwdKey) used.add(cwdKey);
    let command: string, args: string[] | undefined;
    if (s.argv) {
      const argv = (n[ck] as string[] | undefined) ?? [];
      command = argv[0] ?? "";
      args = argv.length > 1 ? argv.slice(1) : undefined;
    } else {
      command = String(n[ck] ?? "");
      args = n[ak] as string[] | undefined;
    }
    const st: NeutralStdio = { command };
    if (args !== undefined) st.args = args;
    if (n[ek] !== undefined) st.env = n[ek] as Record<string, string>;
    if (cwdKey && n[cwdKey] !== undefined) st.cwd = n[cwdKey] as string;
    e = st;
  }
  for (const [k, v] of Object.entries(n)) if (!used.has(k) && !(k in e)) e[k] = v;
  if (s.names) e = s.names.restore(e, n);
  e = mapSecrets(e, (x) => secretIn(x, s.secretSyntax));
  return unadapt(e);
}

/** `render` and `parse` for a shape, ready to spread into a ClientRecord. */
export function shapeCodec(s: EntryShape): EntryCodec {
  return {
    render: (name, entry, ctx) => renderShape(s, name, entry, ctx),
    parse: (name, native) => parseShape(s, name, native),
  };
}
