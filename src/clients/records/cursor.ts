/** Cursor: `~/.cursor/mcp.json`; remote entries have no type (Cursor tries streamable HTTP, then SSE). */
import { ALL_FIELDS } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "cursor",
  displayName: "Cursor",
  format: "json",
  paths: { all: at.home(".cursor", "mcp.json") },
  project: [".cursor", "mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  disabled: {
    kind: "none",
    source: "no field in mcp.json: a server is switched off in Cursor's settings (Customize > MCPs), " +
      "state Cursor keeps itself (cursor.com/docs/mcp)",
  },
  restartHint: "Open Cursor Settings > MCP and refresh the server list (or restart Cursor).",
  shape: { secretSyntax: "env-colon", remote: "native" },
  launch: {
    // Closed source; 3rd-party summaries of the docs: `${env:NAME}`, `${userHome}`, `${workspaceFolder}`;
    // servers run in the project folder (forum answer).
    expand: [{ syntaxes: ["env-colon"], fields: ALL_FIELDS, unset: "keep", builtins: true }],
    source: "not verified (closed source; 3rd-party summaries of the docs)",
  },
});
