/**
 * The folders an MCP client shared with this server (the `roots` capability): a project folder given
 * over MCP must lie inside one. Asked for at each use (the client may change them at any time).
 */
import type { McpServer } from "./mcp_server.ts";

/** How long a client may take to list its roots. */
const ROOTS_TIMEOUT_MS = 10_000;

/** The absolute path of a `file://` URI, or null for another scheme. */
export function rootPath(uri: string): string | null {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return null;
  }
  if (u.protocol !== "file:") return null;
  const p = decodeURIComponent(u.pathname);
  return /^\/[A-Za-z]:\//.test(p) ? p.slice(1).replaceAll("/", "\\") : p;
}

/** Lists the client's roots as paths, or null when it did not declare the roots capability. */
export function clientRoots(server: McpServer): () => Promise<string[] | null> {
  return async () => {
    if (!server.getClientCapabilities()?.roots) return null;
    const r = await server.listRoots({ timeout: ROOTS_TIMEOUT_MS });
    const roots: { uri: string }[] = r.roots;
    return roots.map((x) => rootPath(x.uri)).filter((p): p is string => p !== null);
  };
}
