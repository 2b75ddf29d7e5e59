/** remove_server_from_config: remove one server from a draft (the CLI's `remove-server`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { removeServer } from "../../ops/remove_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { clientId, draftSummary, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `remove_server_from_config`. */
export function registerRemoveServerFromConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "remove_server_from_config",
    title: "Remove a server from the draft",
    description: "Remove the server named server_name from the draft of a client/profile.",
    kind: "write",
    input: {
      client_id: clientId,
      profile_id: profileId,
      server_name: z.string().describe("Name of the server in the draft (see view_draft_config)"),
    },
    output: obj({ ...draftSummary, action: z.literal("removed"), server: z.string() }),
    run: (a) => removeServer(deps, { name: a.server_name, client: a.client_id, profile: a.profile_id }),
  });
}
