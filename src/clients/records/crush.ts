/** Crush (Charm): servers under `mcp` with `type` stdio/http/sse; Windows keeps it in LOCALAPPDATA. */
import { ALL_FIELDS, DOLLAR_BRACE } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "crush",
  displayName: "Crush",
  format: "json",
  paths: {
    darwin: at.home(".config", "crush", "crush.json"),
    linux: at.xdg("crush", "crush.json"),
    windows: at.localappdata("crush", "crush.json"),
  },
  project: [".crush.json"],
  servers: { path: ["mcp"], shape: "map" },
  logs: {
    projectFolder: [".crush", "logs"],
    files: ["crush.log"],
    verified: ["linux", "darwin", "windows"],
  },
  restartHint: "Restart crush to load the servers.",
  shape: {
    secretSyntax: "none",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
  launch: {
    // charmbracelet/crush@37f36e9: os.Environ() + `env`; shell expansion ($VAR, ${VAR}, ${VAR:-d}) in
    // command, args, env, url, headers, unset -> empty; no Dir set (crush's folder); timeout 10 s.
    expand: [{ syntaxes: [...DOLLAR_BRACE, "bare-dollar"], fields: ALL_FIELDS, unset: "empty" }],
    cwd: { field: false, fallback: "client-cwd" },
    startupTimeoutMs: 10_000,
    timeoutSetting: "`timeout` (seconds) in the entry",
    source: "charmbracelet/crush@37f36e9 internal/agent/tools/mcp/init.go, internal/config/resolve.go",
  },
});
