/**
 * Qwen Code (a Gemini CLI fork): `~/.qwen/settings.json`, `mcpServers`, Gemini CLI's entry format with
 * one difference checked against qwen 0.15.10: a streamable-HTTP server must be written `httpUrl`; a
 * `url` is read as SSE whatever its `type` (`qwen mcp list` shows `type: "http"` + `url` as "(sse)"),
 * and `qwen mcp add --transport http` itself writes `httpUrl`. No `type` field is written.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "qwen-code",
  displayName: "Qwen Code",
  format: "json",
  paths: { all: at.home(".qwen", "settings.json") },
  project: [".qwen", "settings.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  // qwen 0.15.10 migrates a settings file without `$version` on its first run (adds `"$version": 4`,
  // keeps the old text as settings.json.orig): a file we create carries it already.
  newFile: '{\n  "$version": 4\n}\n',
  source: "qwen 0.15.10 (checked): `qwen mcp add --transport http` writes `httpUrl`, `--transport sse` " +
    '`url`; `qwen mcp list` shows a `url` entry as (sse) even with `type: "http"`',
  restartHint: "Start a new qwen session (`qwen mcp list` shows what it loads).",
  shape: {
    secretSyntax: "none",
    remote: "native",
    remoteUrlKey: { http: "httpUrl", sse: "url" },
  },
  launch: {
    source: "qwen 0.15.10: `qwen mcp add` output and `qwen mcp list` (checked); the launch environment " +
      "is not verified",
  },
});
