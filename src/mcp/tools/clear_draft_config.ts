/** clear_draft_config: empty the draft of a client/profile (the CLI's `clear-draft`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { clearDraft } from "../../ops/clear_draft.ts";
import type { Deps } from "../../platform/deps.ts";
import { clientId, draftSummary, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `clear_draft_config`. */
export function registerClearDraftConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "clear_draft_config",
    title: "Clear the draft",
    description: "Remove every server from the draft of a client/profile. Published artifacts and deployed " +
      "files are not touched.",
    kind: "destructive",
    idempotent: true,
    input: { client_id: clientId, profile_id: profileId },
    output: obj({ ...draftSummary, action: z.literal("cleared"), removed: z.array(z.string()) }),
    run: (a) => clearDraft(deps, { client: a.client_id, profile: a.profile_id }),
  });
}
