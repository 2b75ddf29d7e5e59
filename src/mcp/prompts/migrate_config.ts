/** migrate_config: bring a hand-made client config file under management, step by step with our tools. */
import type { McpServer } from "../mcp_server.ts";
import { z } from "zod";
import { definePrompt } from "../prompt.ts";
import { completers } from "../complete.ts";
import type { Deps } from "../../platform/deps.ts";

/** Registers `migrate_config`. */
export function registerMigrateConfig(server: McpServer, deps: Deps): void {
  const names = completers(deps);
  definePrompt(server, {
    name: "migrate_config",
    title: "Bring a client's config under management",
    description:
      "Import the servers already in a client's config file into a draft, check, sign and deploy it " +
      "without losing the hand-made entries",
    args: {
      client_id: z.string().optional().describe('Client id (default "claude-desktop")'),
      profile_id: z.string().optional().describe('Profile to create (default "default")'),
    },
    complete: { client_id: names.client, profile_id: names.profile },
    text: (a) => {
      const c = a.client_id || "claude-desktop";
      const p = a.profile_id || "default";
      return [
        `Bring the MCP servers configured by hand in ${c} under management as profile "${p}". Use the ` +
        `mcp-orchestration tools, one step at a time, and show me the result of each:`,
        `1. initialize_keys (keeps existing keys).`,
        `2. import_client_config with client_id="${c}", profile_id="${p}": reads the servers in the client's ` +
        `file into the draft (secret values go to secrets.json, never into the draft).`,
        `3. view_draft_config and validate_config for ${c}/${p}; explain every error and warning and fix what ` +
        `you can with add_server_to_config / remove_server_from_config (ask me for missing values).`,
        `4. diff_config for ${c}/${p} to show what changes compared with the latest publish.`,
        `5. publish_config with a changelog like "imported from ${c}", then deploy_config with dry_run=true ` +
        `and show me the plan; deploy for real (dry_run=false) only after I agree.`,
        `6. get_deployment_status for ${c} to confirm the file is up to date, and tell me how to restart ${c}.`,
        `Never pass force=true unless I ask for it: drift means someone edited the file by hand.`,
      ].join("\n");
    },
  });
}
