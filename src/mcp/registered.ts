/**
 * What a server has registered, recorded as it registers (tools, resources, prompts), so
 * `capabilities://server` is generated from the real registrations and cannot go stale.
 */
import type { McpServer } from "./mcp_server.ts";

/** One registered tool as `capabilities://server` lists it. */
export interface ToolInfo {
  name: string;
  title: string;
  description: string;
  annotations: Record<string, unknown>;
}

/** Everything registered on one server. */
export interface Registered {
  tools: ToolInfo[];
  resources: { name: string; uri: string; description: string }[];
  prompts: { name: string; description: string }[];
  /** Each tool's check of a call's raw arguments (ToolSpec.prepare). */
  prepare: Map<string, (args: unknown) => unknown>;
  /** Old tool names still answered, and the tool each one calls (not listed). */
  aliases: Map<string, string>;
}

const BY_SERVER = new WeakMap<McpServer, Registered>();

/** The registrations of `server` (created empty on first use). */
export function registered(server: McpServer): Registered {
  let r = BY_SERVER.get(server);
  if (!r) {
    BY_SERVER.set(
      server,
      r = { tools: [], resources: [], prompts: [], prepare: new Map(), aliases: new Map() },
    );
  }
  return r;
}
