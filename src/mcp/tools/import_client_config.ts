/** import_client_config: read the servers already in a client's file into a draft (the CLI's `import-config`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { importConfig } from "../../ops/import_config.ts";
import type { Deps } from "../../platform/deps.ts";
import { clientId, draftSummary, obj, profileId, targetShape } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `import_client_config`. */
export function registerImportClientConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "import_client_config",
    title: "Import a client's config",
    description: "Read the MCP servers already configured in a client's file (made by hand) into the draft " +
      "of a profile, so they can be managed. The file itself is not changed. Secret values found go to " +
      "secrets.json; the draft keeps references.",
    kind: "write",
    input: {
      client_id: clientId,
      profile_id: profileId,
      replace: z.boolean().default(false).describe("Replace servers of the same name already in the draft"),
      config_path: z.string().optional().describe("Read this file instead of the client's usual one"),
      ...targetShape,
    },
    output: obj({
      ...draftSummary,
      config_path: z.string(),
      imported: z.array(z.string()),
      skipped: z.array(z.string()),
      secrets_stored: z.array(z.string()),
      extracted: z.array(obj({ server: z.string(), field: z.string(), variable: z.string() }))
        .describe(
          "Each literal secret moved to secrets.json: where it was and the variable referenced there",
        ),
      warnings: z.array(z.string()),
    }),
    run: (a) =>
      importConfig(deps, {
        client: a.client_id,
        profile: a.profile_id,
        replace: a.replace,
        configPath: a.config_path,
        scope: a.scope,
        projectDir: a.project_dir,
      }),
  });
}
