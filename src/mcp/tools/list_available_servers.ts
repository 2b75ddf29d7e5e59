/** list_available_servers: the server catalogue, filtered (the CLI's `list-servers`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listServers } from "../../ops/list_servers.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `list_available_servers`. */
export function registerListAvailableServers(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "list_available_servers",
    title: "List available servers",
    description: "List the MCP servers in the catalogue (built-in plus the user's server.json files), " +
      "optionally filtered by transport and by words in the id, name, description or tags.",
    kind: "read",
    input: {
      transport_filter: z.string().optional().describe(
        'Only servers with this transport: "stdio", "http" or "sse"',
      ),
      search_query: z.string().optional().describe(
        "Words that must all appear in id, name, description or tags",
      ),
      tag: z.string().optional().describe('Only servers with this tag (e.g. "database")'),
    },
    output: obj({
      count: z.number(),
      servers: z.array(
        obj({ id: z.string(), name: z.string(), description: z.string(), transports: z.array(z.string()) }),
      ),
      warnings: z.array(z.string()),
    }),
    run: (a) =>
      listServers(deps, { search: a.search_query, transport: a.transport_filter || undefined, tag: a.tag }),
  });
}
