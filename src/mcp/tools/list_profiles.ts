/** list_profiles: a client's profiles with a draft or a publish (the CLI's `list-profiles`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listProfiles } from "../../ops/list_profiles.ts";
import type { Deps } from "../../platform/deps.ts";
import { clientId, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `list_profiles`. */
export function registerListProfiles(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "list_profiles",
    title: "List profiles",
    description: "List the profiles of a client that have a draft or a published configuration, with the " +
      "number of published versions and the latest artifact.",
    kind: "read",
    input: { client_id: clientId },
    output: obj({
      client_id: z.string(),
      profiles: z.array(obj({
        profile_id: z.string(),
        has_draft: z.boolean(),
        published_versions: z.number(),
        latest_artifact_id: z.string().nullable(),
        latest_published_at: z.string().nullable(),
      })),
    }),
    run: (a) => listProfiles(deps, { client: a.client_id }),
  });
}
