/** config://{client_id}/{profile_id}/history: every published version and deployment of a profile,
 * newest first (signed profile index, op history). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { checkName } from "../../core/names.ts";
import { history } from "../../ops/history.ts";
import type { Deps } from "../../platform/deps.ts";
import { trustedKeys } from "../../store/keys.ts";
import { readIndex } from "../../store/profile_index.ts";
import { defineResource } from "../resource.ts";

/** Registers `config://{client_id}/{profile_id}/history`. */
export function registerConfigHistory(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-history",
    uri: "config://{client_id}/{profile_id}/history",
    title: "Publish history",
    description: "Every published version (artifact id, version, changelog, time) and every deployment of a " +
      "client/profile, newest first",
    read: async (v) => {
      const client = checkName("client", v.client_id);
      const profile = checkName("profile", v.profile_id);
      const idx = await readIndex(deps, client, profile, await trustedKeys(deps));
      const deployed = await history(deps, { client, profile, limit: Number.MAX_SAFE_INTEGER });
      return {
        client_id: client,
        profile_id: profile,
        published: [...(idx?.entries ?? [])].reverse(),
        deployments: deployed.deployments,
      };
    },
  });
}
