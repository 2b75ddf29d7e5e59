/** deploy_config: write a signed artifact into the client's config file (the CLI's `deploy-config`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { deploy } from "../../ops/deploy.ts";
import type { Deps } from "../../platform/deps.ts";
import { artifactId, clientId, profileId, secretsMode, targetShape } from "../schemas.ts";
import { defineTool } from "../tool.ts";
import { deployOutput } from "./deploy_schema.ts";

/** Registers `deploy_config`. */
export function registerDeployConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "deploy_config",
    title: "Deploy a configuration",
    description: "Verify the latest published artifact of a client/profile (or artifact_id) and write its " +
      "servers into the client's config file: only our entries change, every other byte stays, the old file " +
      "is backed up. Stops with drift_detected if someone edited our entries by hand, unless force. Use " +
      "dry_run first to see the exact change.",
    kind: "destructive",
    idempotent: true,
    input: {
      client_id: clientId,
      profile_id: profileId,
      artifact_id: artifactId.optional(),
      dry_run: z.boolean().default(false).describe("Only show what would change (diff); write nothing"),
      force: z.boolean().default(false).describe("Overwrite entries that were edited by hand (drift)"),
      ...targetShape,
      secrets: secretsMode,
    },
    output: deployOutput,
    run: (a) =>
      deploy(deps, {
        client: a.client_id,
        profile: a.profile_id,
        artifactId: a.artifact_id,
        dryRun: a.dry_run,
        force: a.force,
        scope: a.scope,
        projectDir: a.project_dir,
        secrets: a.secrets,
      }),
  });
}
