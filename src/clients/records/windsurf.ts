/** Windsurf: `~/.codeium/windsurf/mcp_config.json` on every OS; remote URL key is `serverUrl`. */
import { ALL_FIELDS } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "windsurf",
  displayName: "Windsurf",
  format: "json",
  paths: { all: at.home(".codeium", "windsurf", "mcp_config.json") },
  servers: { path: ["mcpServers"], shape: "map" },
  disabled: {
    kind: "field",
    key: "disabled",
    value: true,
    source: "`disabled` per entry of mcp_config.json as vendors document it (docs.silabs.com/mcp/1.0.0/" +
      "mcp-setup/windsurf); not verified in the app",
  },
  restartHint: "Press refresh in Windsurf's MCP servers panel (Cascade), or restart Windsurf.",
  shape: { secretSyntax: "env-colon", remote: "native", remoteUrlKey: "serverUrl" },
  launch: {
    expand: [{ syntaxes: ["env-colon"], fields: ALL_FIELDS, unset: "keep" }],
    source: "not verified (closed source): `${env:VAR}` as its record writes it",
  },
});
