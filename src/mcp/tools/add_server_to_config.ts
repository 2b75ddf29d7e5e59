/** add_server_to_config: add a catalogue (or custom) server to a draft (the CLI's `add-server`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { addServer } from "../../ops/add_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { objectArg, paramsArg } from "../json_arg.ts";
import { clientId, obj, objectOrJson, profileId } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `add_server_to_config`. */
export function registerAddServerToConfig(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "add_server_to_config",
    title: "Add a server to the draft",
    description:
      "Add a server to the draft of a client/profile. server_id is a catalogue id (describe_server " +
      "lists its params and env vars); for a server outside the catalogue give command (+ args) or url. Secret " +
      "values (tokens, keys) are stored in secrets.json; the draft keeps only ${VAR} references.",
    kind: "write",
    input: {
      client_id: clientId,
      profile_id: profileId,
      server_id: z.string().describe('Catalogue id (e.g. "filesystem"), or the name of a custom server'),
      params: objectOrJson('Parameter values by name, e.g. {"allowed_directories": "/home/me/projects"}.'),
      env_vars: objectOrJson('Environment values by name, e.g. {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_..."}.'),
      server_name: z.string().optional().describe(
        "Name of the entry in the client file (default: the server id)",
      ),
      replace: z.boolean().default(false).describe("Replace an entry of the same name already in the draft"),
      transport: z.string().optional().describe(
        'Choose a transport when the server has several: "stdio", "http", "sse"',
      ),
      command: z.string().optional().describe("Custom local server: the command to run"),
      args: z.array(z.string()).optional().describe("Custom local server: its arguments"),
      url: z.string().optional().describe("Custom remote server: its URL"),
      headers: objectOrJson("Custom remote server: HTTP headers."),
    },
    output: obj({
      action: z.enum(["added", "replaced"]),
      server: z.string(),
      client_id: z.string(),
      profile_id: z.string(),
      server_count: z.number(),
      servers: z.array(z.string()),
      secrets_stored: z.array(z.string()),
      extracted: z.array(obj({ server: z.string(), field: z.string(), variable: z.string() }))
        .describe(
          "Each literal secret moved to secrets.json: where it was and the variable referenced there",
        ),
      warnings: z.array(z.string()),
    }),
    run: (a) =>
      addServer(deps, {
        id: a.server_id,
        client: a.client_id,
        profile: a.profile_id,
        params: paramsArg("params", a.params),
        env: objectArg("env_vars", a.env_vars),
        name: a.server_name,
        replace: a.replace,
        transport: a.transport,
        command: a.command,
        args: a.args,
        url: a.url,
        headers: objectArg("headers", a.headers),
      }),
  });
}
