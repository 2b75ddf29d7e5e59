/** Kiro: `~/.kiro/settings/mcp.json` (user) and `.kiro/settings/mcp.json` (workspace). */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "kiro",
  displayName: "Kiro",
  format: "json",
  paths: { all: at.home(".kiro", "settings", "mcp.json") },
  project: [".kiro", "settings", "mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  disabled: {
    kind: "field",
    key: "disabled",
    value: true,
    source: 'kiro.dev/docs/mcp/configuration, "Disabling servers temporarily": `"disabled": true`',
  },
  restartHint: "Kiro reconnects servers when mcp.json is saved; check the MCP Servers view.",
  shape: { secretSyntax: "none", remote: "native" },
});
