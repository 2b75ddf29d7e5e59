/** capabilities://server: the server's identity and everything registered, generated at read time. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Deps } from "../../platform/deps.ts";
import { registered } from "../registered.ts";
import { defineResource } from "../resource.ts";
import { SERVER_INFO } from "../server_info.ts";

/** Registers `capabilities://server`. */
export function registerCapabilitiesServer(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "capabilities-server",
    uri: "capabilities://server",
    title: "Server capabilities",
    description:
      "This server's name, version, tools (with annotations), resources and prompts, as registered",
    read: () => {
      const r = registered(server);
      return Promise.resolve({
        ...SERVER_INFO,
        state_folder: deps.home,
        defaults: { client_id: "claude-desktop", profile_id: "default" },
        tools: r.tools,
        resources: r.resources,
        prompts: r.prompts,
      });
    },
  });
}
