/** The values the doctor passes between its steps: what to start, and what one check found. */
import type { VarUse } from "./expand.ts";
import type { PinReport, Suspicious } from "./pin.ts";

/** A local server, started exactly as the client would start it. */
export interface StdioLaunch {
  transport: "stdio";
  command: string;
  args: string[];
  /** The whole environment the server gets (the child starts with nothing else). */
  env: Record<string, string>;
  cwd: string;
  /** Windows: started through a shell (VS Code, for a .cmd/.bat). */
  shell?: boolean;
}

/** A remote server. */
export interface RemoteLaunch {
  transport: "http" | "sse";
  url: string;
  headers: Record<string, string>;
  /** The entry was an `npx mcp-remote URL` bridge: checked at its URL. */
  bridged?: boolean;
}

export type Launch = StdioLaunch | RemoteLaunch;

/** A launch plus what went into it. */
export interface LaunchPlan {
  launch: Launch;
  /** Every variable looked up while building it, and where its value came from. */
  vars: VarUse[];
  /** Values never to show (secrets.json values, values of secret-looking variables and headers). */
  secrets: string[];
}

/** Stable failure causes. */
export type Cause =
  | "command_not_found"
  | "not_executable"
  | "exited"
  | "package_fetch_failed"
  | "bad_output"
  | "timeout"
  | "protocol_error"
  | "missing_env"
  | "connection_failed"
  | "tls_error"
  | "auth_required"
  | "disabled"
  | "invalid_entry";

/** The phases of a check, for `timeout` and the evidence. */
export type Phase =
  | "start"
  | "initialize"
  | "tools/list"
  | "prompts/list"
  | "resources/list"
  | "ping"
  | "queued";

/** What a probe found (before classification). */
export interface ProbeResult {
  ok: boolean;
  /** Set when !ok. */
  failure?: ProbeFailure;
  protocol_version?: string;
  server_info?: { name: string; version: string };
  tools?: number;
  prompts?: number;
  resources?: number;
  ready_ms?: number;
  /** The tools and prompts as listed (for pins and the description scan). */
  offered?: { tools: unknown[]; prompts: unknown[] };
  /** The last lines the server wrote to stderr (raw: redacted later). */
  stderr: string[];
  /** Lines of stdout that were not JSON though the handshake worked (some clients drop such a server). */
  bad_lines?: string[];
}

/** A probe failure with its evidence. */
export type ProbeFailure =
  | { kind: "spawn"; error: "not_found" | "permission_denied" | "other"; message: string }
  | { kind: "exited"; code: number | null; signal: string | null; phase: Phase }
  | { kind: "bad_output"; line: string; phase: Phase }
  | { kind: "timeout"; phase: Phase; after_ms: number; limit: string }
  | { kind: "protocol"; message: string; phase: Phase }
  | { kind: "http_status"; status: number; authenticate: string | null; body: string; phase: Phase }
  | { kind: "network"; tls: boolean; message: string; phase: Phase };

/** One server's line of the report. */
export interface ServerReport {
  client: string;
  name: string;
  transport: "stdio" | "http" | "sse";
  status: "ok" | "failed" | "skipped";
  cause: Cause | null;
  message: string;
  hint: string | null;
  protocol_version: string | null;
  server_info: { name: string; version: string } | null;
  tools: number | null;
  prompts: number | null;
  resources: number | null;
  ready_ms: number | null;
  stderr_tail: string[];
  /** Where each variable the entry uses got its value (names only, never values). */
  variables: VarUse[];
  warnings: string[];
  /** Against the signed pin of this server (null when it did not answer the handshake). */
  pin: PinReport | null;
  /** Names, titles and descriptions with invisible or direction-changing characters. */
  suspicious: Suspicious[];
}

export interface DoctorReport {
  servers: ServerReport[];
  summary: { ok: number; failed: number; skipped: number; changed: number; suspicious: number };
}
