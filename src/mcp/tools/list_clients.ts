/** list_clients: every client this program can configure, with its file and profiles (the CLI's `list-clients`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listClients } from "../../ops/list_clients.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `list_clients`. */
export function registerListClients(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "list_clients",
    title: "List clients",
    description:
      "List the AI clients this program can configure (Claude Desktop, Claude Code, Cursor, ...): " +
      "config file path on this machine, whether it exists, file format, remote-server support, and profiles.",
    kind: "read",
    input: {},
    output: obj({
      clients: z.array(obj({
        client_id: z.string(),
        display_name: z.string(),
        config_path: z.string().nullable(),
        config_exists: z.boolean(),
        format: z.string(),
        profiles: z.array(z.string()),
      })),
    }),
    run: () => listClients(deps, {}),
  });
}
