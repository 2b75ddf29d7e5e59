/** config://{client_id}/{profile_id}/history: every published version and deployment of a profile,
 * newest first (the profileHistory op). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";
import { configTemplate } from "./config_common.ts";

/** Registers `config://{client_id}/{profile_id}/history`. */
export function registerConfigHistory(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-history",
    uri: "config://{client_id}/{profile_id}/history",
    ...configTemplate(deps, "history"),
    title: "Publish history",
    description:
      "Every published version (artifact id, version, changelog, time) and every deployment of a " +
      "client/profile, newest first",
    read: async (v) =>
      (await import("../../ops/history.ts")).profileHistory(deps, {
        client: v.client_id,
        profile: v.profile_id,
      }),
  });
}
