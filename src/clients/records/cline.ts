/** Cline (VS Code extension): settings file in the extension's global storage of the host editor. */
import { ALL_FIELDS, SDK_DEFAULT_ENV } from "../launch.ts";
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
  disabled: {
    kind: "field",
    key: "disabled",
    value: true,
    source: "cline/cline McpHub.ts: the settings schema's `disabled` (the MCP Servers view's toggle)",
  },
  restartHint: "Cline reloads its MCP settings file on save; reopen Cline's MCP Servers view to check.",
  shape: { secretSyntax: "none", remote: "native", remoteTypes: { http: "streamableHttp", sse: "sse" } },
  launch: {
    // cline@21cb8d2 McpHub.ts: the SDK default set plus `env`; `${env:VAR}` over the whole settings
    // object (unset: kept as text); `cwd` or the extension host's folder; timeout 60 s; SDK >= 1.25.
    env: "allow-list",
    allow: SDK_DEFAULT_ENV,
    expand: [{ syntaxes: ["env-colon"], fields: ALL_FIELDS, unset: "keep" }],
    startupTimeoutMs: 60_000,
    protocolVersion: "2025-11-25",
    timeoutSetting: "`timeout` (seconds) in the entry",
    source: "cline/cline@21cb8d2 McpHub.ts, envExpansion.ts",
  },
});
