/**
 * Auggie (Augment Code's CLI): `~/.augment/settings.json`, `mcpServers`; every entry carries `type`
 * (`stdio`, `http`, `sse`), as `auggie mcp add` writes it (checked with auggie 0.36.0). Auggie refuses
 * the whole file when an entry has neither `command` nor `url` (a Gemini-style `httpUrl` entry).
 * Project settings: `.augment/settings.json` (`auggie mcp add --project`).
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "auggie",
  displayName: "Auggie",
  format: "json",
  paths: { all: at.home(".augment", "settings.json") },
  project: [".augment", "settings.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  source: "auggie 0.36.0 (checked): `auggie mcp add` writes `type` stdio/http/sse; `auggie mcp list` " +
    "refuses a file with an entry that has neither `command` nor `url`",
  restartHint: "Start a new auggie session (`auggie mcp list` shows what it loads).",
  shape: {
    secretSyntax: "none",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
  launch: {
    source: "auggie 0.36.0: `auggie mcp add` output and `auggie mcp list --json` (checked); the launch " +
      "environment is not verified",
  },
});
