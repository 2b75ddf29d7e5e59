/** config://{client_id}/{profile_id}/deployed: what is deployed for a profile and the state of the file
 * (ops status and history). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";
import { configTemplate } from "./config_common.ts";

/** Registers `config://{client_id}/{profile_id}/deployed`. */
export function registerConfigDeployed(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-deployed",
    uri: "config://{client_id}/{profile_id}/deployed",
    ...configTemplate(deps, "deployed"),
    title: "Deployed configuration",
    description: "The last deployment of a client/profile and whether the file still holds it",
    read: async (v) => {
      const [{ status }, { history }] = await Promise.all([
        import("../../ops/status.ts"),
        import("../../ops/history.ts"),
      ]);
      const s = await status(deps, { client: v.client_id, profile: v.profile_id });
      const h = await history(deps, { client: v.client_id, profile: v.profile_id, limit: 1 });
      return {
        client_id: v.client_id,
        profile_id: v.profile_id,
        last_deployment: h.deployments[0] ?? null,
        targets: s.targets,
      };
    },
  });
}
