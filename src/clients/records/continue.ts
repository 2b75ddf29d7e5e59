/**
 * Continue: `mcpServers` is a YAML list whose items carry `name`; remote headers go under
 * `requestOptions.headers`. No projectPath: Continue's project form is a folder of files
 * (`.continue/mcpServers/*.yaml`, one server block per file), not one file with a servers container.
 */
import { SDK_DEFAULT_ENV } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "continue",
  displayName: "Continue",
  format: "yaml",
  paths: { all: at.home(".continue", "config.yaml") },
  servers: { path: ["mcpServers"], shape: "list", nameKey: "name" },
  // cn 1.5.47 refuses a config.yaml without these ("Failed to parse config: name: Required, version:
  // Required"); the three lines are the head of the file Continue writes on a fresh install.
  newFile: "name: Local Config\nversion: 1.0.0\nschema: v1\n",
  logs: {
    folder: { all: at.home(".continue", "logs") },
    files: ["core.log"],
    verified: ["linux", "darwin", "windows"],
  },
  restartHint: "Reload the Continue extension (or the editor window) to load config.yaml.",
  shape: {
    secretSyntax: "none",
    remote: "native",
    nameKey: "name",
    remoteTypes: { http: "streamable-http", sse: "sse" },
    headersPath: ["requestOptions", "headers"],
  },
  launch: {
    // continue@d0a3c0b MCPConnection.ts: HOME USER USERPROFILE LOGNAME USERNAME + the SDK set + `env`,
    // PATH always the client's own; `cwd` else the workspace; Windows `cmd.exe /c` for npx uv uvx pnpx
    // dlx nx bunx; connect timeout 20 s. `${{ secrets.X }}` templating is Continue's own (not env).
    env: "allow-list",
    allow: {
      posix: [...SDK_DEFAULT_ENV.posix, "USERPROFILE", "USERNAME"],
      windows: [...SDK_DEFAULT_ENV.windows, "USER", "LOGNAME"],
    },
    path: "parent",
    windows: { wrap: "cmd-for", commands: ["npx", "uv", "uvx", "pnpx", "dlx", "nx", "bunx"] },
    startupTimeoutMs: 20_000,
    protocolVersion: "2025-11-25",
    timeoutSetting: "`timeout` (ms) in the entry",
    source: "continuedev/continue@d0a3c0b core/context/mcp/MCPConnection.ts",
  },
});
