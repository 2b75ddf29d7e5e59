/**
 * The neutral server form every client is rendered from: the entry shape Claude Desktop and Claude
 * Code use. Secrets appear only as `${VAR}` references. Unknown fields are kept as given.
 */

/** A local (stdio) server. */
export interface NeutralStdio {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  type?: "stdio";
  [extra: string]: unknown;
}

/** A remote server. */
export interface NeutralRemote {
  type: "http" | "sse";
  url: string;
  headers?: Record<string, string>;
  [extra: string]: unknown;
}

export type NeutralEntry = NeutralStdio | NeutralRemote;

/** An artifact payload: `{"mcpServers": {name: entry}}`. */
export interface NeutralPayload {
  mcpServers: Record<string, NeutralEntry>;
  [extra: string]: unknown;
}

/** True when the entry is a remote (url) server. */
export function isRemote(e: NeutralEntry): e is NeutralRemote {
  return typeof (e as NeutralRemote).url === "string" && (e.type === "http" || e.type === "sse");
}

/** `${VAR}` references (also `${VAR:-default}`) inside a string, in order of appearance. */
export const SECRET_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g;

/** Names of the `${VAR}` references in a string. */
export function refsIn(s: string): string[] {
  return [...s.matchAll(SECRET_REF)].map((m) => m[1]);
}
