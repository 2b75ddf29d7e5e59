/** validate_config: check the draft against the target client (the CLI's `validate-config`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { validateConfig } from "../../ops/validate_config.ts";
import type { Deps } from "../../platform/deps.ts";
import { anyObject, clientId, obj, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `validate_config`. */
export function registerValidateConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "validate_config",
    title: "Validate the draft",
    description: "Validate the draft of a client/profile for that client: errors (e.g. MISSING_ENV, " +
      "MISSING_COMMAND, UNSUPPORTED_TRANSPORT) block publishing; warnings do not. valid=false is a result, " +
      "not a failure.",
    kind: "read",
    input: { client_id: clientId, profile_id: profileId },
    output: obj({
      valid: z.boolean(),
      errors: z.array(anyObject),
      warnings: z.array(anyObject),
      server_count: z.number(),
      client_id: z.string(),
      profile_id: z.string(),
    }),
    run: (a) => validateConfig(deps, { client: a.client_id, profile: a.profile_id }),
  });
}
