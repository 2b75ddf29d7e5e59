/** GitHub Copilot CLI: `~/.copilot/mcp-config.json` (`$COPILOT_HOME`); entries carry `type` and `tools`. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "copilot-cli",
  displayName: "GitHub Copilot CLI",
  format: "json",
  paths: {
    all: at.home(".copilot", "mcp-config.json"),
    override: { envVar: "COPILOT_HOME", parts: ["mcp-config.json"] },
  },
  project: [".mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Start a new copilot session (or run /mcp in the running one).",
  shape: {
    secretSyntax: "none",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
    stdioDefaults: { tools: ["*"] },
    remoteDefaults: { tools: ["*"] },
  },
  launch: {
    expand: [{ syntaxes: ["dollar-brace"], fields: ["command", "args", "env", "headers"], unset: "keep" }],
    source: "not verified: `${NAME}` per a 3rd-party compatibility table (microsoft.github.io/apm)",
  },
});
