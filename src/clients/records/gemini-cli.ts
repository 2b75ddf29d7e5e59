/**
 * Gemini CLI: `~/.gemini/settings.json`; `${VAR}` / `$VAR` are expanded.
 * Remote entries are `url` + `type: "http" | "sse"`, which is what `gemini mcp add --transport http|sse`
 * writes (checked with gemini 0.61.0). CLIENTS.md's `httpUrl` is the deprecated spelling (gemini warns
 * "Using deprecated 'httpUrl'. Please migrate to 'url' with 'type: \"http\"'"); it is still read on parse.
 * A `url` without `type` is streamable HTTP in 0.61 (SSE in old releases), so we always write `type`.
 *
 * A project's `.gemini/settings.json` wins over the user file on a name in both, whole entry (`merged`):
 * checked with gemini 0.61.0 `gemini mcp list` (HOME in a temp folder), a project entry holding only
 * `args` is listed without the user entry's command.
 */
import { ALL_FIELDS, DOLLAR_BRACE } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "gemini-cli",
  displayName: "Gemini CLI",
  format: "json",
  paths: { all: at.home(".gemini", "settings.json") },
  project: [".gemini", "settings.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  merged: {
    merge: "replace",
    places: [
      {
        label: "project .gemini/settings.json",
        scope: "user",
        file: "project",
        parts: [".gemini", "settings.json"],
        wins: true,
        imported: false,
      },
    ],
    source: "gemini 0.61.0 `gemini mcp list` (checked): a project entry replaces the user entry of that name",
  },
  logs: {
    files: [],
    verified: ["linux", "darwin", "windows"],
    note: "no log file: server stderr is printed only with --debug",
  },
  disabled: {
    kind: "list",
    path: ["mcp", "excluded"],
    source: "geminicli docs/tools/mcp-server.md (0.61): `mcp.excluded`, server names not connected to; " +
      'verified: `gemini mcp list` shows such a server "Blocked"',
  },
  restartHint: "Start a new gemini session (`gemini mcp list` shows what it loads).",
  shape: {
    secretSyntax: "dollar-brace",
    remote: "native",
    remoteTypes: { http: "http", sse: "sse" },
    legacyUrlKeys: { httpUrl: "http" },
  },
  launch: {
    // Checked against gemini 0.61.0 (fixture dump, folder trust off): the whole env minus secret-looking
    // variables, plus GEMINI_CLI=1 and `env`; `$VAR`, `${VAR}`, `${VAR:-d}` over the settings (unset:
    // kept as text), then `env` values again (unset: empty); gemini's folder; protocol 2025-06-18;
    // `timeout` default 600 s. Stdio servers are refused in an untrusted folder.
    env: "inherit-minus-secrets",
    // Seen dropped by 0.61.0: *_TOKEN and every *CERT* variable (SSL_CERT_FILE...); the rest of the
    // list follows gemini's sanitizeEnvironment name patterns (not re-read).
    dropPattern: "TOKEN|SECRET|PASSWORD|PASSWD|KEY|AUTH|CREDENTIAL|CREDS|PRIVATE|CERT",
    set: { GEMINI_CLI: "1" },
    expand: [
      { syntaxes: [...DOLLAR_BRACE, "bare-dollar"], fields: ALL_FIELDS, unset: "keep" },
      { syntaxes: [...DOLLAR_BRACE, "bare-dollar"], fields: ["env"], unset: "empty" },
    ],
    startupTimeoutMs: 600_000,
    timeoutSetting: "`timeout` (ms) in the entry",
    source: "gemini 0.61.0 (checked); google-gemini/gemini-cli@5411f11 mcp-client.ts, envExpansion.ts",
  },
});
