/** diff_config: what differs between the latest publish and the draft, a file, an artifact or the
 * deployed file (the CLI's `diff-config`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { diffConfig } from "../../ops/diff_config.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, artifactId, clientId, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `diff_config`. */
export function registerDiffConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "diff_config",
    title: "Compare configurations",
    description: "Compare the latest published configuration of a client/profile with the draft (default), " +
      "a local file, another artifact, or what is deployed in the client's file: servers added, removed, " +
      "modified (field paths like args[0], env.KEY), unchanged, a status (up-to-date / outdated / diverged) " +
      "and a recommendation. Secret values are redacted.",
    kind: "read",
    input: {
      client_id: clientId,
      profile_id: profileId,
      mode: z.enum(["draft", "file", "artifact", "deployed"]).default("draft").describe(
        '"draft" (default), "file" (with file_path), "artifact" (with artifact_id) or "deployed"',
      ),
      file_path: z.string().optional().describe('With mode "file": a JSON file with an mcpServers object'),
      artifact_id: artifactId.optional(),
    },
    output: obj({
      client_id: z.string(),
      profile_id: z.string(),
      status: z.string(),
      servers_added: z.array(z.string()),
      servers_removed: z.array(z.string()),
      servers_modified: z.array(anyObject),
      servers_unchanged: z.array(z.string()),
      summary: z.string(),
      recommendation: z.string(),
    }),
    run: (a) =>
      diffConfig(deps, {
        client: a.client_id,
        profile: a.profile_id,
        mode: a.mode,
        file: a.file_path,
        artifactId: a.artifact_id,
      }),
  });
}
