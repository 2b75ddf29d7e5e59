/** describe_server: inputs, transports, install hints and a usage example (the CLI's `describe-server`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { describeServer } from "../../ops/describe_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, clientId, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `describe_server`. */
export function registerDescribeServer(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "describe_server",
    title: "Describe a server",
    description:
      "Everything needed to configure one catalogue server: its inputs (parameters and env vars, " +
      "which are required or secret), transports, install hints, deprecation, and a usage example for a client.",
    kind: "read",
    input: {
      server_id: z.string().describe('Catalogue id, e.g. "filesystem" (see list_available_servers)'),
      client_id: clientId,
    },
    output: obj({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      options: z.array(anyObject),
      usage_example: anyObject,
    }),
    run: (a) => describeServer(deps, { id: a.server_id, client: a.client_id }),
  });
}
