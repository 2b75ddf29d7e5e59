/**
 * Trae (VS Code fork): user `mcp.json` in the Electron user folder.
 *
 * Verified (CLIENTS.md "(verify)" row): Linux `~/.config/Trae/User/mcp.json` is the Electron layout
 * ($XDG_CONFIG_HOME/Trae/User) and is what installers that support Trae on Linux write, e.g. the Trae
 * path table of the mcp-sync README and the "Trae/User/mcp.json" resolver in several MCP installers
 * (code search); mcpm.sh marks Trae on Linux as unsupported, and Trae publishes no Linux build
 * officially, so this path only matters for the unofficial/remote builds. The China build uses "Trae CN".
 */
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "trae",
  displayName: "Trae",
  format: "json",
  paths: electronApp("Trae", "User", "mcp.json"),
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Reopen Trae's MCP settings (or restart Trae) to load the servers.",
  shape: { secretSyntax: "none", remote: "native" },
});
