/** server://registry and server://{server_id}: the catalogue and one server (ops listServers, describeServer). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { describeServer } from "../../ops/describe_server.ts";
import { listServers } from "../../ops/list_servers.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";

/** Registers `server://registry` and `server://{server_id}`. */
export function registerServerRegistry(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "server-registry",
    uri: "server://registry",
    title: "Server catalogue",
    description: "Every server in the catalogue (built-in plus the user's server.json files)",
    read: () => listServers(deps, {}),
  });
  defineResource(server, {
    name: "server",
    uri: "server://{server_id}",
    title: "Catalogue server",
    description: "One catalogue server: inputs, transports, install hints, a usage example",
    list: async () =>
      (await listServers(deps, {})).servers.map((s) => ({
        uri: `server://${s.id}`,
        // name: the programmatic id; title: what a person reads (MCP's BaseMetadata).
        name: s.id,
        title: s.title ?? s.name,
      })),
    read: (v) => describeServer(deps, { id: v.server_id }),
  });
}
