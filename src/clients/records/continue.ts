/**
 * Continue: `mcpServers` is a YAML list whose items carry `name`; remote headers go under
 * `requestOptions.headers`. No projectPath: Continue's project form is a folder of files
 * (`.continue/mcpServers/*.yaml`, one server block per file), not one file with a servers container.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "continue",
  displayName: "Continue",
  format: "yaml",
  paths: { all: at.home(".continue", "config.yaml") },
  servers: { path: ["mcpServers"], shape: "list", nameKey: "name" },
  restartHint: "Reload the Continue extension (or the editor window) to load config.yaml.",
  shape: {
    secretSyntax: "none",
    remote: "native",
    nameKey: "name",
    remoteTypes: { http: "streamable-http", sse: "sse" },
    headersPath: ["requestOptions", "headers"],
  },
});
