/**
 * opencode: `mcp.<name>` entries, `type: "local"` with `command: [argv...]` and `environment`, or
 * `type: "remote"` with `url`/`headers` (opencode tries streamable HTTP, then SSE, so both are "remote").
 *
 * Verified shape (CLIENTS.md "(verify)" row): the v1 docs (https://opencode.ai/docs/mcp-servers) use
 * `mcp.<name>`; OpenCode V2 (https://opencode.ai/v2/docs/mcp-servers) nests servers under
 * `mcp.servers.<name>` but still reads the v1 `mcp.<name>` map ("New configs can keep using the legacy
 * shape because both OpenCode versions support it", neon-solutions/add-mcp#103), while 1.18.x rejects
 * `mcp.servers` (wshobson/maverick-mcp#233). So we write the v1 map with `enabled: true`.
 * The local/remote schemas have `additionalProperties: false`: only known extra fields are written and
 * `cwd` (no such field) is dropped. opencode also substitutes `{env:VAR}` in its config, a syntax the
 * SecretSyntax type cannot name yet, so secrets are written as literals ("none").
 */
import { ALL_FIELDS } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "opencode",
  displayName: "opencode",
  format: "jsonc",
  paths: {
    darwin: at.home(".config", "opencode", "opencode.json"),
    linux: at.xdg("opencode", "opencode.json"),
    windows: at.home(".config", "opencode", "opencode.json"),
  },
  project: ["opencode.json"],
  servers: { path: ["mcp"], shape: "map" },
  logs: {
    folder: {
      linux: at.home(".local", "share", "opencode", "log"),
      darwin: at.home(".local", "share", "opencode", "log"),
    },
    files: ["*.log"],
    verified: [],
  },
  disabled: {
    kind: "field",
    key: "enabled",
    value: false,
    source: 'opencode.ai/v1/docs/mcp-servers: "disable a server by setting enabled to false"',
  },
  restartHint: "Restart opencode (`opencode mcp list` shows what it loads).",
  shape: {
    secretSyntax: "none",
    remote: "native",
    stdioType: "local",
    argv: true,
    envKey: "environment",
    cwdKey: null,
    remoteTypes: { http: "remote", sse: "remote" },
    allowedExtras: ["enabled", "timeout", "oauth"],
    stdioDefaults: { enabled: true },
    remoteDefaults: { enabled: true },
  },
  launch: {
    // anomalyco/opencode@30ee5e7 mcp/index.ts: the whole env + `environment`; `{env:VAR}` substitution
    // in the config (docs); opencode's folder; 5 s for the first tools list (old version).
    expand: [{ syntaxes: ["brace-env"], fields: ALL_FIELDS, unset: "empty" }],
    cwd: { field: false, fallback: "client-cwd" },
    startupTimeoutMs: 5_000,
    timeoutSetting: "`timeout` (ms) in the entry",
    source: "anomalyco/opencode@30ee5e7 packages/opencode/src/mcp/index.ts (newer timeout not verified)",
  },
});
