/** Claude Desktop: stdio only from the file; remote servers are bridged through `npx -y mcp-remote`. */
import { SDK_DEFAULT_ENV } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "claude-desktop",
  displayName: "Claude Desktop",
  format: "json",
  // Linux: community builds keep the Electron layout under $XDG_CONFIG_HOME (default ~/.config).
  paths: electronApp("Claude", "claude_desktop_config.json"),
  servers: { path: ["mcpServers"], shape: "map" },
  logs: {
    folder: { darwin: at.home("Library", "Logs", "Claude"), windows: at.appdata("Claude", "logs") },
    files: ["mcp.log", "mcp-server-{server}.log"],
    verified: ["darwin"],
    note: "mcp-server-<name>.log holds that server's stderr; no Linux build",
  },
  restartHint: "Quit Claude Desktop completely (from the tray / menu bar) and start it again.",
  shape: { secretSyntax: "none", remote: "bridge" },
  launch: {
    // modelcontextprotocol.io/docs/tools/debugging: "a subset of environment variables (USER, HOME,
    // PATH)" plus `env`; the cwd "may be undefined (like / on macOS)"; no expansion documented.
    env: "allow-list",
    allow: SDK_DEFAULT_ENV,
    cwd: { field: true, fallback: "root" },
    protocolVersion: "2024-11-05",
    source: "MCP debugging docs (env subset, cwd `/`); the exact list and Windows rule not verified",
  },
});
