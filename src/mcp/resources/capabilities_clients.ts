/** capabilities://clients: every client this program can configure (op listClients). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";

/** Registers `capabilities://clients`. */
export function registerCapabilitiesClients(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "capabilities-clients",
    uri: "capabilities://clients",
    title: "Supported clients",
    description: "Every client: config path on this machine, format, remote-server support, profiles",
    read: async () => (await import("../../ops/list_clients.ts")).listClients(deps, {}),
  });
}
