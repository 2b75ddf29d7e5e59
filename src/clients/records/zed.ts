/** Zed: servers under `context_servers` of the (JSONC) settings file; honours $XDG_CONFIG_HOME on Linux. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "zed",
  displayName: "Zed",
  format: "jsonc",
  paths: {
    darwin: at.home(".config", "zed", "settings.json"),
    linux: at.xdg("zed", "settings.json"),
    windows: at.appdata("Zed", "settings.json"),
  },
  project: [".zed", "settings.json"],
  servers: { path: ["context_servers"], shape: "map" },
  logs: {
    folder: { linux: at.home(".local", "share", "zed", "logs"), darwin: at.home("Library", "Logs", "Zed") },
    files: ["Zed.log"],
    verified: [],
    note: "server stderr is logged at debug level only",
  },
  restartHint: "Zed reloads settings.json on save; check the server in the Agent panel settings.",
  shape: { secretSyntax: "none", remote: "native" },
  launch: {
    // zed: inherited env + `env` (stdio_transport.rs @204bad9); the project folder; timeout 60 s default.
    startupTimeoutMs: 60_000,
    timeoutSetting: "`timeout` in the entry, or `context_server_timeout`",
    source: "zed-industries/zed context_server (env, cwd, timeout); expansion not verified",
  },
});
