/** list_deployment_history: every deployment of a client, newest first (the CLI's `history`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { history } from "../../ops/history.ts";
import type { Deps } from "../../platform/deps.ts";
import { clientId, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";
import { deploymentRecord } from "./deployment_schema.ts";

/** Registers `list_deployment_history`. */
export function registerListDeploymentHistory(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "list_deployment_history",
    title: "Deployment history",
    description:
      "Every deployment, rollback and restore of a client, newest first: deployment id, artifact, " +
      "profile, file, time and what changed.",
    kind: "read",
    input: {
      client_id: clientId,
      profile_id: z.string().optional().describe("Only deployments of this profile"),
      limit: z.number().int().min(1).default(50).describe("At most this many (default 50)"),
    },
    output: obj({ client_id: z.string(), total: z.number(), deployments: z.array(deploymentRecord) }),
    run: (a) => history(deps, { client: a.client_id, profile: a.profile_id, limit: a.limit }),
  });
}
