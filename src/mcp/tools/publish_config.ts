/** publish_config: validate, sign and store the draft (the CLI's `publish-config` without --file). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { publishDraft } from "../../ops/publish_draft.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, clientId, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `publish_config`. */
export function registerPublishConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "publish_config",
    title: "Publish the draft",
    description: "Validate the draft of a client/profile, then sign it and store it as a content-addressed " +
      "artifact (a new version in the profile's signed history). Refused with validation_failed (every " +
      "error listed) when the draft has errors. Publishing the same content again is status unchanged.",
    kind: "write",
    idempotent: true,
    input: {
      client_id: clientId,
      profile_id: profileId,
      changelog: z.string().optional().describe("What changed in this version"),
    },
    output: obj({
      status: z.enum(["published", "unchanged"]),
      artifact_id: z.string(),
      client_id: z.string(),
      profile_id: z.string(),
      version: z.number(),
      server_count: z.number(),
      changelog: z.string(),
      created_at: z.string(),
      warnings: z.array(anyObject),
    }),
    run: (a) => publishDraft(deps, { client: a.client_id, profile: a.profile_id, changelog: a.changelog }),
  });
}
