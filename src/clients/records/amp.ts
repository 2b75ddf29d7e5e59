/**
 * Amp (Sourcegraph's CLI): `~/.config/amp/settings.json`, servers under the literal top-level key
 * `"amp.mcpServers"` (one key with a dot in its name, not nested objects), as `amp mcp add` writes it
 * (checked with amp 0.0.1790142911). Local entries are `command`, `args`, `env`; remote ones `url` and
 * `headers` with no type: amp detects the transport itself (`amp mcp add NAME URL` writes only `url`,
 * for `/mcp` and `/sse` alike). Workspace settings: `.amp/settings.json`.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "amp",
  displayName: "Amp",
  format: "json",
  // `$XDG_CONFIG_HOME/amp/settings.json` on Linux (amp mcp add writes there when it is set).
  paths: {
    linux: at.xdg("amp", "settings.json"),
    darwin: at.home(".config", "amp", "settings.json"),
    windows: at.home(".config", "amp", "settings.json"),
  },
  project: [".amp", "settings.json"],
  servers: { path: ["amp.mcpServers"], shape: "map" },
  source: "amp 0.0.1790142911 (checked): `amp mcp add` writes the literal key `amp.mcpServers`, into " +
    "`$XDG_CONFIG_HOME/amp/settings.json` when set; `amp mcp list --json` reads it back",
  restartHint: "Start a new amp thread (`amp mcp list` shows what it loads).",
  shape: { secretSyntax: "none", remote: "native" },
  launch: {
    source: "amp 0.0.1790142911: `amp mcp add` output and `amp mcp list --json` (checked); the launch " +
      "environment is not verified",
  },
});
