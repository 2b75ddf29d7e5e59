/**
 * Neutral -> neutral rewrites that some clients need, and their inverses:
 * - the `mcp-remote` bridge: a remote server run as a local stdio process (clients that cannot load a
 *   remote server, or an SSE server for an HTTP-only client);
 * - the Windows `cmd /c` wrapper for the `.cmd` shims of npm tools (`npx`, `npm`, `pnpm`, `bunx`, `yarn`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bridge } from "./transforms.ts";
 * assert.deepEqual(bridge({ type: "sse", url: "https://x/sse" }), {
 *   command: "npx",
 *   args: ["-y", "mcp-remote", "https://x/sse", "--transport", "sse-only"],
 * });
 * ```
 */
import type { NeutralEntry, NeutralRemote, NeutralStdio } from "../core/neutral.ts";
import { isRemote } from "../core/neutral.ts";

/** Commands that are `.cmd` shims on Windows and must be started through `cmd /c`. */
const SHIMS = new Set(["npx", "npm", "pnpm", "bunx", "yarn"]);

/** True for `npx`, `npx.cmd`, `NPX.CMD`... */
export function isShim(command: string): boolean {
  const c = command.toLowerCase();
  return SHIMS.has(c.endsWith(".cmd") ? c.slice(0, -4) : c);
}

/** `npx a b` -> `cmd /c npx a b` (other commands unchanged). */
export function wrapCmd(e: NeutralStdio): NeutralStdio {
  if (!isShim(e.command)) return e;
  return { ...e, command: "cmd", args: ["/c", e.command, ...(e.args ?? [])] };
}

/** Undoes `wrapCmd`: `cmd /c npx a b` -> `npx a b`; any other entry is returned as is. */
export function unwrapCmd(e: NeutralStdio): NeutralStdio {
  const c = e.command.toLowerCase();
  const args = e.args ?? [];
  if ((c !== "cmd" && c !== "cmd.exe") || args[0]?.toLowerCase() !== "/c" || !isShim(args[1] ?? "")) return e;
  const out: NeutralStdio = { ...e, command: args[1], args: args.slice(2) };
  if (out.args!.length === 0) delete out.args;
  return out;
}

const BRIDGE_PACKAGE = "mcp-remote";
/** Env var prefix holding a header value that has spaces (mcp-remote expands `${VAR}` in its args). */
const HEADER_ENV_PREFIX = "MCP_REMOTE_HEADER_";

function headerEnvName(header: string): string {
  return HEADER_ENV_PREFIX + header.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/**
 * A remote server as an `npx -y mcp-remote <url> [--header K:V]... [--transport sse-only]` process.
 * A header value containing whitespace is passed as `K:${MCP_REMOTE_HEADER_K}` with the value in `env`,
 * the workaround mcp-remote documents for clients (Claude Desktop, Cursor on Windows) that split
 * arguments at spaces. Extra fields of the entry are kept.
 */
export function bridge(e: NeutralRemote): NeutralStdio {
  const { type, url, headers, ...extras } = e;
  const args = ["-y", BRIDGE_PACKAGE, url];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (/\s/.test(v)) {
      const name = headerEnvName(k);
      env[name] = v;
      args.push("--header", `${k}:\${${name}}`);
    } else {
      args.push("--header", `${k}:${v}`);
    }
  }
  if (type === "sse") args.push("--transport", "sse-only");
  const out: NeutralStdio = { ...extras, command: "npx", args };
  if (Object.keys(env).length > 0) out.env = env;
  return out;
}

/** True when a stdio entry is an mcp-remote bridge (`npx [-y] mcp-remote[@version] <url> ...`). */
function bridgeStart(e: NeutralStdio): number {
  if (e.command.toLowerCase().replace(/\.cmd$/, "") !== "npx") return -1;
  const args = e.args ?? [];
  const i = args[0] === "-y" || args[0] === "--yes" ? 1 : 0;
  const pkg = args[i] ?? "";
  return pkg === BRIDGE_PACKAGE || pkg.startsWith(BRIDGE_PACKAGE + "@") ? i + 1 : -1;
}

/** Undoes `bridge`: an mcp-remote process back to the remote entry; any other entry is returned as is. */
export function unbridge(e: NeutralStdio): NeutralEntry {
  const start = bridgeStart(e);
  const args = e.args ?? [];
  const url = args[start];
  if (start < 0 || url === undefined || !/^https?:\/\//.test(url)) return e;
  const { command: _c, args: _a, env, type: _t, ...extras } = e;
  const restEnv: Record<string, string> = { ...(env ?? {}) };
  const headers: Record<string, string> = {};
  let type: "http" | "sse" = "http";
  for (let i = start + 1; i < args.length; i++) {
    const a = args[i];
    if (a === "--header" && i + 1 < args.length) {
      const h = args[++i];
      const colon = h.indexOf(":");
      if (colon <= 0) return e;
      let value = h.slice(colon + 1).trimStart();
      const ref = /^\$\{(MCP_REMOTE_HEADER_[A-Z0-9_]+)\}$/.exec(value);
      if (ref && restEnv[ref[1]] !== undefined) {
        value = restEnv[ref[1]];
        delete restEnv[ref[1]];
      }
      headers[h.slice(0, colon).trim()] = value;
    } else if (a === "--transport" && i + 1 < args.length) {
      const t = args[++i];
      if (t === "sse-only" || t === "sse-first") type = "sse";
    } else {
      return e; // an option we do not model: keep the entry as the stdio process it is
    }
  }
  const out: NeutralRemote = { ...extras, type, url };
  if (Object.keys(headers).length > 0) out.headers = headers;
  if (Object.keys(restEnv).length > 0) out.env = restEnv;
  return out;
}

/** How a client takes remote servers (ClientRecord["remote"]). */
export type RemoteMode = "native" | "bridge" | "http-only";

/** Neutral entry as the client can load it: bridged when needed, `cmd /c` on Windows. */
export function adapt(e: NeutralEntry, mode: RemoteMode, os: string): NeutralEntry {
  let out = e;
  if (isRemote(out) && (mode === "bridge" || (mode === "http-only" && out.type === "sse"))) out = bridge(out);
  if (!isRemote(out) && os === "windows") out = wrapCmd(out as NeutralStdio);
  return out;
}

/** Inverse of `adapt` (independent of the OS: a `cmd /c npx` wrapper is undone everywhere). */
export function unadapt(e: NeutralEntry): NeutralEntry {
  return isRemote(e) ? e : unbridge(unwrapCmd(e as NeutralStdio));
}
