/** The server's name and version (from deno.json). */
import denoJson from "../../deno.json" with { type: "json" };

/** `{name, version}` as the MCP `initialize` response reports it. */
export const SERVER_INFO = { name: "mcp-orchestration", version: denoJson.version };
