/**
 * VS Code: user `mcp.json` (JSONC) with servers under `servers`, never `mcpServers`.
 *
 * A workspace's `.vscode/mcp.json` wins over the user file on a name in both (`merged`): VS Code merges
 * the local servers by name, user scope first, then the workspace folders ("Overwriting mcp server
 * '<name>' from ... with ...", mcpWorkbenchService.ts getEnabledLocalMcpServers, microsoft/vscode#327979),
 * and with `chat.mcp.collisionBehavior` "disable" turns off the lower-priority one (microsoft/vscode#312234).
 * Not checked with a real VS Code (none runs here).
 */
import { ALL_FIELDS } from "../launch.ts";
import { defineClient } from "../define.ts";
import { electronApp } from "../paths.ts";

export default defineClient({
  id: "vscode",
  displayName: "Visual Studio Code",
  format: "jsonc",
  paths: electronApp("Code", "User", "mcp.json"),
  project: [".vscode", "mcp.json"],
  servers: { path: ["servers"], shape: "map" },
  merged: {
    merge: "replace",
    places: [
      {
        label: "workspace .vscode/mcp.json",
        scope: "user",
        file: "project",
        parts: [".vscode", "mcp.json"],
        wins: true,
        imported: false,
      },
    ],
    source:
      "microsoft/vscode#327979 (mcpWorkbenchService.ts: user servers, then workspace ones overwrite a " +
      "name) and #312234 (collisionBehavior disables the lower-priority one); not checked with a real VS Code",
  },
  disabled: {
    kind: "none",
    source: "no field in mcp.json: the enabled state is set in the Agent Customizations editor " +
      "(code.visualstudio.com/docs/agents/run/manage-mcp-servers)",
  },
  restartHint: 'VS Code reloads mcp.json on save; run "MCP: List Servers" and start the server.',
  shape: {
    secretSyntax: "env-colon",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
  launch: {
    // microsoft/vscode@0334cc0 extHostMcpNode.ts: the extension host's env + `env` (an `env` PATH is
    // appended); `${env:VAR}`, `${workspaceFolder}`, `${userHome}`; `cwd`, else the workspace folder;
    // Windows: shell:true for a .cmd/.bat found through PATHEXT.
    env: "inherit",
    path: "append",
    expand: [{ syntaxes: ["env-colon"], fields: ALL_FIELDS, unset: "keep", builtins: true }],
    windows: { wrap: "shell-for-batch" },
    source: "microsoft/vscode@0334cc0 extHostMcpNode.ts (unset-variable behaviour not verified)",
  },
});
