/** troubleshoot_config: why a deployed server does not show up in a client, checked with our tools. */
import type { McpServer } from "../mcp_server.ts";
import { z } from "zod";
import { definePrompt } from "../prompt.ts";
import { completers } from "../complete.ts";
import type { Deps } from "../../platform/deps.ts";

/** Registers `troubleshoot_config`. */
export function registerTroubleshootConfig(server: McpServer, deps: Deps): void {
  const names = completers(deps);
  definePrompt(server, {
    name: "troubleshoot_config",
    title: "Why doesn't my server show up?",
    description: "Diagnose a server that was deployed but does not appear (or fails) in the client",
    args: {
      client_id: z.string().optional().describe('Client id (default "claude-desktop")'),
      profile_id: z.string().optional().describe('Profile (default "default")'),
      server_name: z.string().optional().describe("The server that does not show up"),
    },
    complete: { client_id: names.client, profile_id: names.profile, server_name: names.draftServer },
    text: (a) => {
      const c = a.client_id || "claude-desktop";
      const p = a.profile_id || "default";
      const s = a.server_name ? `the server "${a.server_name}"` : "a server";
      return [
        `In ${c}, ${s} from profile "${p}" does not show up or fails to start. Find out why with the ` +
        `mcp-orchestration tools, reporting what each one shows:`,
        `1. get_deployment_status for ${c}: is the latest publish deployed? "drifted" means the file was ` +
        `edited after our deploy; "shadowed" means another file the client merges holds the same name and ` +
        `wins (shadowed_servers names it); "missing-file" or "not-deployed" means it never landed.`,
        `2. list_deployment_history and get_deployment_details for ${c}: which artifact and path were written.`,
        `3. get_config for ${c}/${p} and verify_config: is the server in the signed configuration?`,
        `4. validate_config for ${c}/${p}: missing env vars, unresolved placeholders, unsupported transports.`,
        `5. check_server_installation for the server: is its runtime (npx, uvx, docker) on PATH? If not, ` +
        `get_install_command gives the exact command to run (this tool never runs it).`,
        `6. check_server_health for ${c}${
          a.server_name ? ` (server_names ["${a.server_name}"])` : ""
        }: start ` +
        `the server as ${c} would and report the cause (command_not_found, exited, missing_env, timeout...), ` +
        `its stderr and the fix.`,
        `7. If the file is right, the client needs a restart; say how for ${c}. If the deploy went wrong, ` +
        `offer rollback_deployment, and use it only after I agree.`,
      ].join("\n");
    },
  });
}
