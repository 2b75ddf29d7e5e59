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
 *
 * Several files, merged (`merged`): the global folder's `config.json` < `opencode.json` < `opencode.jsonc`
 * (anomalyco/opencode packages/opencode/src/config/config.ts, loaded in that order with mergeDeep), then
 * the project's `opencode.json` < `opencode.jsonc` (config/paths.ts: `up({targets: [name.jsonc,
 * name.json]})` reversed). Checked with opencode 1.18.33 `opencode debug config` (HOME/XDG in a temp
 * folder): a name in both global files is the `.jsonc` entry deep-merged over ours (its fields win, ours
 * it lacks stay), a project file wins over both. opencode creates `opencode.jsonc` itself when none of
 * its global files exists (globalConfigFile()), and writes its own edits there.
 */
import { ALL_FIELDS } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";
import type { EntryShape } from "../render.ts";

/** opencode's entry: `type: "local"` with `command` as one array, `environment`, `type: "remote"` for
 * both remote transports, and `enabled` (Kilo Code, an opencode fork, writes the same). */
export const OPENCODE_SHAPE: EntryShape = {
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
};

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
  merged: {
    merge: "deep",
    places: [
      {
        label: "opencode.jsonc",
        scope: "user",
        file: "sibling",
        parts: ["opencode.jsonc"],
        wins: true,
        imported: true,
      },
      {
        label: "config.json",
        scope: "user",
        file: "sibling",
        parts: ["config.json"],
        wins: false,
        imported: true,
      },
      {
        label: "project opencode.json",
        scope: "user",
        file: "project",
        parts: ["opencode.json"],
        wins: true,
        imported: false,
      },
      {
        label: "project opencode.jsonc",
        scope: "user",
        file: "project",
        parts: ["opencode.jsonc"],
        wins: true,
        imported: false,
      },
      {
        // The project's .opencode folder (config/paths.ts: `.opencode` directories are config folders too);
        // `opencode debug config` in the project loads its entry over a user deploy (checked, 1.18.33).
        label: "project .opencode/opencode.json",
        scope: "user",
        file: "project",
        parts: [".opencode", "opencode.json"],
        wins: true,
        imported: false,
      },
      {
        label: "project .opencode/opencode.jsonc",
        scope: "user",
        file: "project",
        parts: [".opencode", "opencode.jsonc"],
        wins: true,
        imported: false,
      },
      {
        label: "opencode.jsonc",
        scope: "project",
        file: "sibling",
        parts: ["opencode.jsonc"],
        wins: true,
        imported: true,
      },
    ],
    source:
      "anomalyco/opencode config/config.ts (global: config.json, opencode.json, opencode.jsonc merged " +
      "in order) and config/paths.ts (project: .jsonc over .json, over the global files); opencode 1.18.33 " +
      "`debug config` (checked)",
  },
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
  shape: OPENCODE_SHAPE,
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
