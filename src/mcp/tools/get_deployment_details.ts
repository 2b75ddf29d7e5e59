/** get_deployment_details: one deployment record (the CLI's `history --deployment`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { deploymentDetails } from "../../ops/history.ts";
import type { Deps } from "../../platform/deps.ts";
import { defineTool } from "../tool.ts";
import { deploymentRecord } from "./deployment_schema.ts";

/** Registers `get_deployment_details`. */
export function registerGetDeploymentDetails(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "get_deployment_details",
    title: "Deployment details",
    description: "One deployment: artifact, profile, file, managed entries (hashes), what changed, the " +
      "file's hashes before and after, whether it was forced.",
    kind: "read",
    input: { deployment_id: z.string().describe("A deployment id from list_deployment_history") },
    output: deploymentRecord,
    run: (a) => deploymentDetails(deps, { deploymentId: a.deployment_id }),
  });
}
