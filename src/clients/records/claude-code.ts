/**
 * Claude Code: `~/.claude.json` (or `$CLAUDE_CONFIG_DIR/.claude.json`), `type` required on every entry.
 * A server named `constructor` makes it reject the whole file ("mcpServers: Invalid input: expected
 * record, received object", claude 2.1.197): every server in it disappears.
 *
 * Three scopes, one name wins whole (`merged`): local (`projects["<dir>"].mcpServers` in ~/.claude.json) >
 * project (`<dir>/.mcp.json`) > user (top-level `mcpServers`), code.claude.com/docs/en/mcp "Scope
 * hierarchy and precedence". Checked with claude 2.1.197 `claude mcp get NAME` (HOME in a temp folder):
 * a name in all three reports "Local config", one in project and user "Project config" once the project's
 * servers are approved (`enableAllProjectMcpServers`; unapproved, the user entry is used).
 */
import { ALL_FIELDS, DOLLAR_BRACE } from "../launch.ts";
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "claude-code",
  displayName: "Claude Code",
  format: "json",
  paths: { all: at.home(".claude.json"), override: { envVar: "CLAUDE_CONFIG_DIR", parts: [".claude.json"] } },
  project: [".mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  merged: {
    merge: "replace",
    places: [
      {
        label: "local scope",
        scope: "user",
        file: "user",
        perProject: { map: ["projects"], servers: ["mcpServers"] },
        wins: true,
        imported: false,
      },
      {
        label: "project scope .mcp.json",
        scope: "user",
        file: "project",
        parts: [".mcp.json"],
        wins: true,
        imported: false,
      },
      {
        label: "local scope",
        scope: "project",
        file: "user",
        perProject: { map: ["projects"], servers: ["mcpServers"] },
        wins: true,
        imported: true,
      },
    ],
    source: 'code.claude.com/docs/en/mcp "Scope hierarchy and precedence" (local > project > user); claude ' +
      "2.1.197 `claude mcp get` (checked)",
  },
  logs: {
    folder: {
      linux: at.home(".cache", "claude-cli-nodejs"),
      darwin: at.home("Library", "Caches", "claude-cli-nodejs"),
    },
    files: ["*/mcp-logs-{server}/*"],
    verified: ["linux", "darwin"],
    note: "one folder per project (its path as a slug), then mcp-logs-<server>/",
  },
  disabled: {
    kind: "none",
    source: "no per-entry switch: `/mcp disable` keeps a per-project `disabledMcpServers` list in " +
      "~/.claude.json (read in the claude 2.1 binary), which a user-scope deploy does not own",
  },
  restartHint: "Start a new Claude Code session (or run /mcp in the running one) to load the servers.",
  shape: {
    secretSyntax: "dollar-brace",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
  launch: {
    // Checked against claude 2.1.197 (a fixture dumping its env, cwd and initialize request, HOME in a
    // temp folder): the whole environment plus CLAUDECODE=1, CLAUDE_PROJECT_DIR and a few session
    // variables; `${VAR}` and `${VAR:-default}` expanded in command, args and env, an unset one kept as
    // text, bare `$VAR` never; the `cwd` field is ignored (the server runs in claude's folder);
    // protocol 2025-11-25. `MCP_TIMEOUT` (ms) sets the startup timeout (code.claude.com/docs/en/env-vars).
    env: "inherit",
    set: { CLAUDECODE: "1", CLAUDE_PROJECT_DIR: "${workspaceFolder}" },
    expand: [{ syntaxes: DOLLAR_BRACE, fields: ALL_FIELDS, unset: "keep" }],
    cwd: { field: false, fallback: "client-cwd" },
    timeoutEnv: "MCP_TIMEOUT",
    protocolVersion: "2025-11-25",
    timeoutSetting: "`MCP_TIMEOUT` (ms) in claude's environment",
    source:
      "claude 2.1.197 (checked); Windows: the docs ask for a `cmd /c npx` wrapper in the entry (not verified)",
  },
  names: {
    refused: {
      names: ["constructor"],
      why: 'Claude Code cannot parse a file holding a server of that name ("mcpServers: expected record, ' +
        'received object") and then loads none of its servers',
    },
  },
});
