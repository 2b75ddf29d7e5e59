/**
 * Claude Code: `~/.claude.json` (or `$CLAUDE_CONFIG_DIR/.claude.json`), `type` required on every entry.
 * A server named `constructor` makes it reject the whole file ("mcpServers: Invalid input: expected
 * record, received object", claude 2.1.197): every server in it disappears.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "claude-code",
  displayName: "Claude Code",
  format: "json",
  paths: { all: at.home(".claude.json"), override: { envVar: "CLAUDE_CONFIG_DIR", parts: [".claude.json"] } },
  project: [".mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Start a new Claude Code session (or run /mcp in the running one) to load the servers.",
  shape: {
    secretSyntax: "dollar-brace",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
  names: {
    refused: {
      names: ["constructor"],
      why: 'Claude Code cannot parse a file holding a server of that name ("mcpServers: expected record, ' +
        'received object") and then loads none of its servers',
    },
  },
});
