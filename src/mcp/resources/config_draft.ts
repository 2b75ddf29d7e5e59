/** config://{client_id}/{profile_id}/draft: the draft (op viewDraft; reading never creates one). */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";
import { configTemplate } from "./config_common.ts";

/** Registers `config://{client_id}/{profile_id}/draft`. */
export function registerConfigDraft(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-draft",
    uri: "config://{client_id}/{profile_id}/draft",
    ...configTemplate(deps, "draft"),
    title: "Draft configuration",
    description: "The draft of a client/profile (secrets only as references)",
    read: async (v) =>
      (await import("../../ops/view_draft.ts")).viewDraft(deps, {
        client: v.client_id,
        profile: v.profile_id,
      }),
  });
}
