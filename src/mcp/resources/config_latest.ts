/** config://{client_id}/{profile_id}/latest: the latest published artifact, verified (op getConfig). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { getConfig } from "../../ops/get_config.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";

/** Registers `config://{client_id}/{profile_id}/latest`. */
export function registerConfigLatest(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-latest",
    uri: "config://{client_id}/{profile_id}/latest",
    title: "Latest published configuration",
    description: "The latest signed artifact of a client/profile, after checking its signature",
    read: (v) => getConfig(deps, { client: v.client_id, profile: v.profile_id }),
  });
}
