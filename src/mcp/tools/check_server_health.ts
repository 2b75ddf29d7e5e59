/**
 * check_server_health: the CLI's `doctor`. It starts only servers already in a client file, a draft or
 * an artifact (never a command or URL given in the call), and takes no file path: only the client's own
 * user or project file. With a progress token, each server's result is a progress notification.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { doctor } from "../../ops/doctor.ts";
import type { Deps } from "../../platform/deps.ts";
import { realRuntime } from "../../platform/doctor_runtime.ts";
import { serverLine } from "../../doctor/report.ts";
import { obj, profileId, targetShape } from "../schemas.ts";
import { defineTool } from "../tool.ts";

const server = obj({
  client: z.string(),
  name: z.string(),
  transport: z.string(),
  status: z.enum(["ok", "failed", "skipped"]),
  cause: z.string().nullable(),
  message: z.string(),
  hint: z.string().nullable(),
  protocol_version: z.string().nullable(),
  server_info: obj({ name: z.string(), version: z.string() }).nullable(),
  tools: z.number().nullable(),
  prompts: z.number().nullable(),
  resources: z.number().nullable(),
  ready_ms: z.number().nullable(),
  stderr_tail: z.array(z.string()),
  pin: obj({
    status: z.enum(["new", "same", "changed"]),
    changes: z.array(obj({ kind: z.string(), name: z.string(), change: z.string() })),
  }).nullable(),
  suspicious: z.array(
    obj({ code: z.string(), kind: z.string(), name: z.string(), chars: z.array(z.string()) }),
  ),
});

/** Registers `check_server_health`. */
export function registerCheckServerHealth(mcp: McpServer, deps: Deps): void {
  defineTool(mcp, {
    name: "check_server_health",
    title: "Check MCP servers",
    description: "Start each MCP server configured for a client exactly as that client would (command, " +
      "args, environment and folder) and check that it answers the MCP handshake (initialize, tools, " +
      "prompts, resources, ping); remote servers are contacted at their URL. Reports per server ok/failed " +
      "with a cause (command_not_found, exited, missing_env, timeout, auth_required...), the evidence and a " +
      "fix. Checks the servers in the clients' files (default), a draft, or an artifact: never a command " +
      "given in the call. Secret values are never shown. Each answering server is compared with its pin " +
      "(pin.status new/same/changed with the changed tools and fields); tool descriptions with invisible or " +
      "direction-changing Unicode are flagged suspicious_description. Pinning (approving a server's tools) is " +
      "CLI-only (`doctor --pin`), on purpose: a changed server must not be able to get itself re-approved " +
      "through the agent it is talking to.",
    kind: "read",
    openWorld: true,
    input: {
      client_ids: z.array(z.string()).optional().describe(
        "Only these clients (default: every client with a config file)",
      ),
      server_names: z.array(z.string()).optional().describe("Only the servers of these names"),
      ...targetShape,
      draft: z.boolean().default(false).describe("Check the draft of profile_id (before publishing)"),
      profile_id: profileId,
      artifact_id: z.string().optional().describe("Check this artifact as it would be deployed"),
      timeout_seconds: z.number().positive().max(600).optional().describe("For the whole run (default 30)"),
    },
    output: obj({
      servers: z.array(server),
      summary: obj({
        ok: z.number(),
        failed: z.number(),
        skipped: z.number(),
        changed: z.number(),
        suspicious: z.number(),
      }),
    }),
    run: (a, extra) => {
      const token = extra._meta?.progressToken;
      return doctor(
        deps,
        {
          clients: a.client_ids,
          servers: a.server_names,
          scope: a.scope,
          projectDir: a.project_dir,
          draft: a.draft,
          profile: a.profile_id,
          artifactId: a.artifact_id,
          timeout: a.timeout_seconds,
        },
        realRuntime(deps.env),
        (r, done, total) => {
          if (token === undefined || !extra.sendNotification) return;
          extra.sendNotification({
            method: "notifications/progress",
            params: { progressToken: token, progress: done, total, message: serverLine(r) },
          }).catch(() => {});
        },
      );
    },
  });
}
