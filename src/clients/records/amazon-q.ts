/**
 * Amazon Q Developer CLI: the legacy global `~/.aws/amazonq/mcp.json` (workspace `.amazonq/mcp.json`).
 *
 * Verified (CLIENTS.md "(verify)" row): AWS now documents agent files under `~/.aws/amazonq/cli-agents/`
 * (https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/qdev-mcp.html); the built-in default agent
 * sets `useLegacyMcpJson: true`, so `~/.aws/amazonq/mcp.json` is still loaded (agent-format.md of
 * aws/amazon-q-developer-cli). A custom agent with `useLegacyMcpJson: false` will not see these servers.
 * Remote entries carry `type: "http"`: without a type the CLI reads an entry as stdio; it probes
 * streamable HTTP first and falls back to SSE, so SSE servers are written as `http` too.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "amazon-q",
  displayName: "Amazon Q Developer CLI",
  format: "json",
  paths: { all: at.home(".aws", "amazonq", "mcp.json") },
  project: [".amazonq", "mcp.json"],
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "Start a new `q chat` session (`/tools` shows the loaded servers).",
  shape: { secretSyntax: "none", remote: "native", remoteTypes: { http: "http", sse: "http" } },
});
