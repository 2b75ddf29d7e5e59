/** Claude Desktop: stdio only from the file; remote servers are bridged through `npx -y mcp-remote`. */
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "claude-desktop",
  displayName: "Claude Desktop",
  format: "json",
  // Linux: community builds keep the Electron layout under $XDG_CONFIG_HOME (default ~/.config).
  paths: electronApp("Claude", "claude_desktop_config.json"),
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Quit Claude Desktop completely (from the tray / menu bar) and start it again.",
  shape: { secretSyntax: "none", remote: "bridge" },
});
