/** config://{client_id}/{profile_id}/draft: the draft (op viewDraft; reading never creates one). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { viewDraft } from "../../ops/view_draft.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineResource } from "../resource.ts";

/** Registers `config://{client_id}/{profile_id}/draft`. */
export function registerConfigDraft(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "config-draft",
    uri: "config://{client_id}/{profile_id}/draft",
    title: "Draft configuration",
    description: "The draft of a client/profile (secrets only as references)",
    read: (v) => viewDraft(deps, { client: v.client_id, profile: v.profile_id }),
  });
}
