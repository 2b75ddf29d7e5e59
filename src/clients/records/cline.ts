/** Cline (VS Code extension): settings file in the extension's global storage of the host editor. */
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "cline",
  displayName: "Cline",
  format: "json",
  // Path for Cline hosted in VS Code ("Code"); other hosts (Cursor, VSCodium) use their own folder.
  paths: electronApp(
    "Code",
    "User",
    "globalStorage",
    "saoudrizwan.claude-dev",
    "settings",
    "cline_mcp_settings.json",
  ),
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Cline reloads its MCP settings file on save; reopen Cline's MCP Servers view to check.",
  shape: { secretSyntax: "none", remote: "native", remoteTypes: { http: "streamableHttp", sse: "sse" } },
});
