/** verify_config: check an artifact's id, signatures and signed index (the CLI's `verify`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { verifyOp } from "../../ops/verify.ts";
import { verifyAllInput } from "../../ops/verify_all.ts";
import type { Deps } from "../../platform/deps.ts";
import { artifactId, obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `verify_config`. */
export function registerVerifyConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "verify_config",
    title: "Verify a published configuration",
    description:
      "Verify an artifact: its id is the hash of its payload, its signatures come from a trusted key, " +
      "and a signed profile index lists it. Give artifact_id, or client_id (and profile_id) for the latest publish. " +
      "With all: true, check the whole state folder instead (every artifact, index, deployment record, backup and file mode).",
    kind: "read",
    input: {
      artifact_id: artifactId.optional(),
      client_id: z.string().optional().describe("Verify the latest publish of this client"),
      profile_id: z.string().default("default").describe('Profile, with client_id. Default "default".'),
      all: z.boolean().optional().describe(
        "Check the whole state folder (give no artifact_id or client_id with it)",
      ),
    },
    output: obj({
      status: z.literal("verified"),
      artifact_id: z.string().optional().describe("The artifact checked (not with all)"),
      signing_key_id: z.string().optional(),
      indexed_in: z.array(
        obj({
          client_id: z.string(),
          profile_id: z.string(),
          version: z.number(),
          legacy: z.boolean().optional(),
        }),
      ).optional(),
      checks: z.array(z.string()).optional(),
      legacy: z.boolean().optional().describe(
        "An artifact of the Python tool: verified by payload hash and payload signature only (not with all)",
      ),
      legacy_key_label: z.string().optional(),
      legacy_artifacts: z.array(z.string()).optional().describe(
        "With all: ids of artifacts of the Python tool (payload signature only)",
      ),
      legacy_indexes: z.array(z.string()).optional().describe(
        "With all: client/profile of the Python tool's unsigned profile indexes",
      ),
      checked: z.record(z.string(), z.number()).optional().describe(
        "With all: how many of each thing were checked",
      ),
      warnings: z.array(obj({ check: z.string(), path: z.string(), message: z.string() })).optional()
        .describe("With all: leftovers of interrupted commands and settings worth fixing"),
    }),
    run: (a) =>
      a.all
        ? verifyAllInput(deps, { artifactId: a.artifact_id, client: a.client_id })
        : verifyOp(deps, { artifactId: a.artifact_id, client: a.client_id, profile: a.profile_id }),
  });
}
