/**
 * Goose: `extensions` map in config.yaml; fields `cmd`, `envs`, `uri`, `type`, plus `name`, `enabled`,
 * `timeout`. Secrets by name: `env_keys` (values come from goose's keyring or the environment).
 */
import { isRemote } from "../../core/neutral.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";
import type { NamesHook } from "../render.ts";
import { joinEnvNames, splitEnvNames } from "../secrets.ts";

const names: NamesHook = {
  keys: ["env_keys"],
  extract(e) {
    if (isRemote(e)) return { entry: e, native: {} };
    const { env, names } = splitEnvNames(e.env);
    if (names.length === 0) return { entry: e, native: {} };
    const { env: _old, ...rest } = e;
    return { entry: env ? { ...rest, env } : rest, native: { env_keys: names } };
  },
  restore(e, n) {
    if (isRemote(e)) return e;
    const env = joinEnvNames(e.env, n.env_keys);
    return env ? { ...e, env } : e;
  },
};

export default defineClient({
  id: "goose",
  displayName: "Goose",
  format: "yaml",
  paths: {
    darwin: at.home(".config", "goose", "config.yaml"),
    linux: at.xdg("goose", "config.yaml"),
    windows: at.appdata("Block", "goose", "config", "config.yaml"),
  },
  servers: { path: ["extensions"], shape: "map" },
  logs: {
    folder: {
      linux: at.home(".local", "state", "goose", "logs"),
      darwin: at.home(".local", "state", "goose", "logs"),
    },
    files: ["*.log"],
    verified: [],
  },
  disabled: {
    kind: "field",
    key: "enabled",
    value: false,
    source: "the `enabled` field of each extension in config.yaml (goose writes `enabled: true`)",
  },
  restartHint: "Start a new goose session.",
  shape: {
    secretSyntax: "names-only",
    remote: "native",
    nameKey: "name",
    stdioType: "stdio",
    remoteTypes: { http: "streamable_http", sse: "sse" },
    commandKey: "cmd",
    envKey: "envs",
    remoteUrlKey: "uri",
    stdioDefaults: { enabled: true, timeout: 300 },
    remoteDefaults: { enabled: true, timeout: 300 },
    names,
  },
  launch: {
    // block/goose extension_manager.rs: inherited env, PATH replaced by goose's search path, + `envs`
    // + `env_keys`; `${VAR}`/`$VAR` only in remote uri/headers, from the extension's own envs; `cwd`
    // else the session folder; timeout 300 s.
    expand: [{
      syntaxes: ["dollar-brace", "bare-dollar"],
      fields: ["url", "headers"],
      unset: "keep",
      from: "entry-env",
    }],
    startupTimeoutMs: 300_000,
    timeoutSetting: "`timeout` (seconds) in the extension",
    source:
      "block/goose extension_manager.rs (goose's own PATH search is not modelled: the client's PATH is used)",
  },
});
