/** config://{client_id}/{profile_id}/latest: the latest published artifact, verified (op getConfig). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";
import { configTemplate } from "./config_common.ts";

/** Registers `config://{client_id}/{profile_id}/latest`. */
export function registerConfigLatest(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-latest",
    uri: "config://{client_id}/{profile_id}/latest",
    ...configTemplate(deps, "latest"),
    title: "Latest published configuration",
    description: "The latest signed artifact of a client/profile, after checking its signature",
    read: async (v) =>
      (await import("../../ops/get_config.ts")).getConfig(deps, {
        client: v.client_id,
        profile: v.profile_id,
      }),
  });
}
