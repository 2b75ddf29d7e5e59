/** rollback_deployment: deploy an earlier artifact, or restore a pre-image (the CLI's `rollback`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { rollback } from "../../ops/rollback.ts";
import type { Deps } from "../../platform/deps.ts";
import { artifactId, clientId, secretsMode, targetShape } from "../schemas.ts";
import { defineTool } from "../tool.ts";
import { deployOutput } from "./deploy_schema.ts";

/** Registers `rollback_deployment`. */
export function registerRollbackDeployment(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "rollback_deployment",
    title: "Roll back a deployment",
    description:
      "Deploy an earlier artifact to a client through the same safe protocol: by default the one " +
      "before the current; or the artifact of to_deployment_id; or artifact_id. With restore_deployment_id, " +
      "put back the exact bytes the file had before that deployment (only if the file has not changed since).",
    kind: "destructive",
    input: {
      client_id: clientId,
      to_deployment_id: z.string().optional().describe("Go back to the artifact this deployment wrote"),
      artifact_id: artifactId.optional(),
      restore_deployment_id: z.string().optional().describe(
        "Restore the file's bytes from before this deployment",
      ),
      dry_run: z.boolean().default(false).describe("Only show what would change; write nothing"),
      force: z.boolean().default(false).describe("Overwrite entries that were edited by hand (drift)"),
      ...targetShape,
      secrets: secretsMode,
    },
    output: deployOutput,
    run: (a) =>
      rollback(deps, {
        client: a.client_id,
        to: a.to_deployment_id,
        artifactId: a.artifact_id,
        restore: a.restore_deployment_id,
        dryRun: a.dry_run,
        force: a.force,
        scope: a.scope,
        projectDir: a.project_dir,
        secrets: a.secrets,
      }),
  });
}
