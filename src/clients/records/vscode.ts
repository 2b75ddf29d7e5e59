/** VS Code: user `mcp.json` (JSONC) with servers under `servers`, never `mcpServers`. */
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "vscode",
  displayName: "Visual Studio Code",
  format: "jsonc",
  paths: electronApp("Code", "User", "mcp.json"),
  project: [".vscode", "mcp.json"],
  servers: { path: ["servers"], shape: "map" },
  restartHint: 'VS Code reloads mcp.json on save; run "MCP: List Servers" and start the server.',
  shape: {
    secretSyntax: "env-colon",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
});
