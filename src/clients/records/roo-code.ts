/** Roo Code (VS Code extension), discontinued: kept so existing deployments can be read and removed. */
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "roo-code",
  displayName: "Roo Code",
  deprecated: "Roo Code was discontinued in May 2026",
  format: "json",
  paths: electronApp(
    "Code",
    "User",
    "globalStorage",
    "rooveterinaryinc.roo-cline",
    "settings",
    "mcp_settings.json",
  ),
  project: [".roo", "mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Roo Code reloads its MCP settings on save; reopen its MCP view to check.",
  shape: { secretSyntax: "none", remote: "native", remoteTypes: { http: "streamable-http", sse: "sse" } },
});
