/** verify_config: check an artifact's id, signatures and signed index (the CLI's `verify`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { verifyOp } from "../../ops/verify.ts";
import type { Deps } from "../../platform/deps.ts";
import { artifactId, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `verify_config`. */
export function registerVerifyConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "verify_config",
    title: "Verify a published configuration",
    description: "Verify an artifact: its id is the hash of its payload, its signatures come from a trusted key, " +
      "and a signed profile index lists it. Give artifact_id, or client_id (and profile_id) for the latest publish.",
    kind: "read",
    input: {
      artifact_id: artifactId.optional(),
      client_id: z.string().optional().describe("Verify the latest publish of this client"),
      profile_id: z.string().default("default").describe('Profile, with client_id. Default "default".'),
    },
    output: obj({
      status: z.literal("verified"),
      artifact_id: z.string(),
      signing_key_id: z.string(),
      indexed_in: z.array(obj({ client_id: z.string(), profile_id: z.string(), version: z.number() })),
      checks: z.array(z.string()),
    }),
    run: (a) => verifyOp(deps, { artifactId: a.artifact_id, client: a.client_id, profile: a.profile_id }),
  });
}
