/** view_draft_config: the draft of a client/profile (the CLI's `view-draft`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { viewDraft } from "../../ops/view_draft.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, clientId, draftSummary, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `view_draft_config`. */
export function registerViewDraftConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "view_draft_config",
    title: "View the draft",
    description: "Show the draft of a client/profile: each server's source, parameters, env (secrets only " +
      "as references, with whether a value is stored) and the entry it will publish.",
    kind: "read",
    input: { client_id: clientId, profile_id: profileId },
    output: obj({ ...draftSummary, exists: z.boolean(), entries: z.array(anyObject) }),
    run: (a) => viewDraft(deps, { client: a.client_id, profile: a.profile_id }),
  });
}
