/** server://registry and server://{server_id}: the catalogue and one server (ops listServers, describeServer). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";
import { completers } from "../complete.ts";

/** Registers `server://registry` and `server://{server_id}`. */
export function registerServerRegistry(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "server-registry",
    uri: "server://registry",
    title: "Server catalogue",
    description: "Every server in the catalogue (built-in plus the user's server.json files)",
    read: async () => (await import("../../ops/list_servers.ts")).listServers(deps, {}),
  });
  defineResource(server, {
    name: "server",
    uri: "server://{server_id}",
    title: "Catalogue server",
    description: "One catalogue server: inputs, transports, install hints, a usage example",
    list: async () =>
      (await (await import("../../ops/list_servers.ts")).listServers(deps, {})).servers.map((s) => ({
        uri: `server://${s.id}`,
        // name: the programmatic id; title: what a person reads (MCP's BaseMetadata).
        name: s.id,
        title: s.title ?? s.name,
      })),
    complete: { server_id: completers(deps).server },
    read: async (v) =>
      (await import("../../ops/describe_server.ts")).describeServer(deps, { id: v.server_id }),
  });
}
