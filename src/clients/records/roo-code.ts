/** Roo Code (VS Code extension), discontinued: kept so existing deployments can be read and removed. */
import { ALL_FIELDS, SDK_DEFAULT_ENV } from "../launch.ts";
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
  disabled: {
    kind: "field",
    key: "disabled",
    value: true,
    source: "Roo Code's McpHub (a Cline fork): the same `disabled` field as Cline; not verified in the app",
  },
  restartHint: "Roo Code reloads its MCP settings on save; reopen its MCP view to check.",
  shape: { secretSyntax: "none", remote: "native", remoteTypes: { http: "streamable-http", sse: "sse" } },
  launch: {
    // Roo-Code@cb83656 McpHub.ts: SDK default set plus `env`; `${env:VAR}` and `${workspaceFolder}`
    // (unset kept); `cwd` defaults to the first workspace folder; Windows always `cmd.exe /c`.
    env: "allow-list",
    allow: SDK_DEFAULT_ENV,
    expand: [{ syntaxes: ["env-colon"], fields: ALL_FIELDS, unset: "keep", builtins: true }],
    windows: { wrap: "cmd-always" },
    startupTimeoutMs: 60_000,
    timeoutSetting: "`timeout` (seconds) in the entry",
    source: "RooCodeInc/Roo-Code@cb83656 McpHub.ts, utils/config.ts",
  },
});
