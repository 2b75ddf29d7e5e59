/** Google Antigravity: `~/.gemini/antigravity/mcp_config.json`; remote URL key is `serverUrl`. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "antigravity",
  displayName: "Antigravity",
  format: "json",
  paths: { all: at.home(".gemini", "antigravity", "mcp_config.json") },
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Open Manage MCP Servers in Antigravity and press Refresh.",
  shape: { secretSyntax: "none", remote: "native", remoteUrlKey: "serverUrl" },
});
