/**
 * Codex CLI: `[mcp_servers.<name>]` tables in `$CODEX_HOME/config.toml` (default `~/.codex`). No `type`;
 * HTTP remotes natively (`url`, `http_headers`), SSE through mcp-remote. Secrets by name only:
 * `env_vars = ["VAR"]`, `bearer_token_env_var = "VAR"`, `env_http_headers = { Header = "VAR" }`.
 * Server names: `codex mcp list` shows any name, but a session refuses to start a server whose name
 * does not match `^[a-zA-Z0-9_-]+$` (0.47; 0.171 widened it to `^[a-zA-Z0-9_:@/.-]+$`): we keep the
 * narrow rule, which every release starts.
 */
import type { NeutralEntry } from "../../core/neutral.ts";
import { isRemote } from "../../core/neutral.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";
import type { NamesHook } from "../render.ts";
import { exactRef, joinEnvNames, splitEnvNames } from "../secrets.ts";

const BEARER = /^Bearer \$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

const names: NamesHook = {
  keys: ["env_vars", "bearer_token_env_var", "env_http_headers"],
  extract(e) {
    if (!isRemote(e)) {
      const { env, names } = splitEnvNames(e.env);
      if (names.length === 0) return { entry: e, native: {} };
      const { env: _old, ...rest } = e;
      return { entry: env ? { ...rest, env } : rest, native: { env_vars: names } } as {
        entry: NeutralEntry;
        native: Record<string, unknown>;
      };
    }
    if (!e.headers) return { entry: e, native: {} };
    const headers: Record<string, string> = {};
    const byName: Record<string, string> = {};
    const native: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.headers)) {
      const bearer = k === "Authorization" ? BEARER.exec(v) : null;
      const ref = exactRef(v);
      if (bearer) native.bearer_token_env_var = bearer[1];
      else if (ref) byName[k] = ref;
      else headers[k] = v;
    }
    if (Object.keys(byName).length > 0) native.env_http_headers = byName;
    if (Object.keys(native).length === 0) return { entry: e, native };
    const { headers: _h, ...rest } = e;
    return { entry: Object.keys(headers).length > 0 ? { ...rest, headers } : rest, native };
  },
  restore(e, n) {
    if (!isRemote(e)) {
      const env = joinEnvNames(e.env, n.env_vars);
      return env ? { ...e, env } : e;
    }
    const headers: Record<string, string> = { ...(e.headers ?? {}) };
    if (typeof n.bearer_token_env_var === "string") {
      headers.Authorization = `Bearer \${${n.bearer_token_env_var}}`;
    }
    for (const [k, v] of Object.entries((n.env_http_headers ?? {}) as Record<string, string>)) {
      headers[k] = "${" + v + "}";
    }
    return Object.keys(headers).length > 0 ? { ...e, headers } : e;
  },
};

export default defineClient({
  id: "codex",
  displayName: "Codex CLI",
  format: "toml",
  paths: {
    all: at.home(".codex", "config.toml"),
    override: { envVar: "CODEX_HOME", parts: ["config.toml"] },
  },
  project: [".codex", "config.toml"],
  servers: { path: ["mcp_servers"], shape: "map" },
  logs: {
    folder: { all: at.home(".codex", "log"), override: { envVar: "CODEX_HOME", parts: ["log"] } },
    files: ["codex-tui.log"],
    verified: ["linux", "darwin", "windows"],
    note: 'server stderr lines are logged at INFO as "MCP server stderr (<program>)"',
  },
  disabled: {
    kind: "field",
    key: "enabled",
    value: false,
    source: "`enabled = false` in the [mcp_servers.<name>] table; verified: `codex mcp list --json` 0.171 " +
      'shows it "enabled": false',
  },
  restartHint: "Start a new Codex session (`codex mcp list` shows what it loads).",
  shape: { secretSyntax: "names-only", remote: "http-only", headersPath: ["http_headers"], names },
  launch: {
    // openai/codex rmcp-client utils.rs create_env_for_mcp_server: env_clear + this list + `env_vars`
    // (read from codex's env) + `env`; no expansion; `cwd` else codex's folder; program resolved with
    // PATHEXT on Windows; startup_timeout_sec default 30 s (10 s before); protocol 2025-06-18.
    env: "allow-list",
    allow: {
      posix: [
        "HOME",
        "LOGNAME",
        "PATH",
        "SHELL",
        "USER",
        "__CF_USER_TEXT_ENCODING",
        "LANG",
        "LC_ALL",
        "TERM",
        "TMPDIR",
        "TZ",
      ],
      windows: [
        "PATH",
        "PATHEXT",
        "SHELL",
        "COMSPEC",
        "SYSTEMROOT",
        "WINDIR",
        "SYSTEMDRIVE",
        "USERNAME",
        "USERDOMAIN",
        "USERPROFILE",
        "HOMEDRIVE",
        "HOMEPATH",
        "PROGRAMFILES",
        "PROGRAMFILES(X86)",
        "PROGRAMW6432",
        "PROGRAMDATA",
        "LOCALAPPDATA",
        "APPDATA",
        "TEMP",
        "TMP",
        "TMPDIR",
        "POWERSHELL",
        "PWSH",
      ],
    },
    windows: { wrap: "pathext" },
    startupTimeoutMs: 30_000,
    timeoutSetting: "`startup_timeout_sec` in the entry",
    source: "openai/codex@0451186 rmcp-client (env), codex-mcp rmcp_client.rs (timeouts)",
  },
  names: {
    pattern: {
      re: /^[a-zA-Z0-9_-]+$/,
      why: 'Codex starts only servers named with letters, digits, "_" and "-" (^[a-zA-Z0-9_-]+$): ' +
        "releases up to 0.47 refuse any other name when a session starts, later ones still refuse spaces, " +
        "non-ASCII letters and an empty name",
    },
  },
});
