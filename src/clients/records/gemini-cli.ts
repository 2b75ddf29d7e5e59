/**
 * Gemini CLI: `~/.gemini/settings.json`; `${VAR}` / `$VAR` are expanded.
 * Remote entries are `url` + `type: "http" | "sse"`, which is what `gemini mcp add --transport http|sse`
 * writes (checked with gemini 0.61.0). CLIENTS.md's `httpUrl` is the deprecated spelling (gemini warns
 * "Using deprecated 'httpUrl'. Please migrate to 'url' with 'type: \"http\"'"); it is still read on parse.
 * A `url` without `type` is streamable HTTP in 0.61 (SSE in old releases), so we always write `type`.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "gemini-cli",
  displayName: "Gemini CLI",
  format: "json",
  paths: { all: at.home(".gemini", "settings.json") },
  project: [".gemini", "settings.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Start a new gemini session (`gemini mcp list` shows what it loads).",
  shape: {
    secretSyntax: "dollar-brace",
    remote: "native",
    remoteTypes: { http: "http", sse: "sse" },
    legacyUrlKeys: { httpUrl: "http" },
  },
});
