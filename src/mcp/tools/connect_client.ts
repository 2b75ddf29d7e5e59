/** connect_client: add mcp-orchestration itself to a client's config (the CLI's `connect`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { connect } from "../../ops/connect.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `connect_client`. */
export function registerConnectClient(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "connect_client",
    title: "Connect a client to this server",
    description: "Add mcp-orchestration itself (`serve`, with this state folder) to a client's user config " +
      "file as an entry that deploys never remove, by the same protocol as a deploy (lock, backup, " +
      "compare-and-swap write, history). Running it again changes nothing.",
    kind: "write",
    idempotent: true,
    input: {
      client_id: z.string().describe('Client id, e.g. "claude-code" (see list_clients)'),
      server_name: z.string().optional().describe(
        'Entry name in the client file (default "mcp-orchestration")',
      ),
      force: z.boolean().optional().describe("Replace an entry of that name that we did not write"),
    },
    output: obj({
      status: z.string(),
      client_id: z.string(),
      config_path: z.string(),
      server_name: z.string(),
      command: z.string(),
      args: z.array(z.string()),
      deployment_id: z.string().nullable(),
      restart_hint: z.string(),
    }),
    run: (a) => connect(deps, { client: a.client_id, name: a.server_name, force: a.force }),
  });
}
