/** get_config: the latest (or a given) signed artifact of a client/profile, verified (the CLI's `get-config`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { getConfig } from "../../ops/get_config.ts";
import type { Deps } from "../../platform/deps.ts";
import { artifactId, clientId, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";
import { artifactOutput } from "./artifact_schema.ts";

/** Registers `get_config`. */
export function registerGetConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "get_config",
    title: "Get published configuration",
    description:
      "Return the latest published (signed) configuration of a client/profile, or a given artifact, " +
      "after checking its signature. The payload is the neutral mcpServers form.",
    kind: "read",
    input: { client_id: clientId, profile_id: profileId, artifact_id: artifactId.optional() },
    output: artifactOutput,
    run: (a) => getConfig(deps, { client: a.client_id, profile: a.profile_id, artifactId: a.artifact_id }),
  });
}
