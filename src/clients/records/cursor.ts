/** Cursor: `~/.cursor/mcp.json`; remote entries have no type (Cursor tries streamable HTTP, then SSE). */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "cursor",
  displayName: "Cursor",
  format: "json",
  paths: { all: at.home(".cursor", "mcp.json") },
  project: [".cursor", "mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Open Cursor Settings > MCP and refresh the server list (or restart Cursor).",
  shape: { secretSyntax: "env-colon", remote: "native" },
});
