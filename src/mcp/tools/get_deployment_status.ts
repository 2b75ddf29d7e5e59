/** get_deployment_status: latest publish vs last deploy vs the file on disk (the CLI's `status`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { status } from "../../ops/status.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `get_deployment_status`. */
export function registerGetDeploymentStatus(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "get_deployment_status",
    title: "Deployment status",
    description:
      "For each client target: the latest published artifact, the last deployed one and what the " +
      "file holds now: up-to-date, outdated (newer publish), drifted (our entries edited; which ones), " +
      "not-deployed, missing-file. Without client_id, every client.",
    kind: "read",
    input: {
      client_id: z.string().optional().describe("Only this client (default: every client)"),
      profile_id: z.string().optional().describe("Only this profile"),
    },
    output: obj({
      targets: z.array(obj({
        client_id: z.string(),
        profile_id: z.string(),
        state: z.string(),
        latest_artifact_id: z.string().nullable(),
        deployed_artifact_id: z.string().nullable(),
      })),
      pins: z.array(obj({ server: z.string(), last_check: z.literal("changed"), checked_at: z.string() }))
        .describe("Pinned servers whose last CLI `doctor` found their tools changed since the pin"),
    }),
    run: (a) => status(deps, { client: a.client_id, profile: a.profile_id }),
  });
}
