/** connect / connect_client: add mcp-orchestration itself (serve) to a client's config. */
import { absent, arr, bind, defineSpec, nullable, obj, str } from "../spec.ts";
import { NO_PATH_OVER_MCP } from "./common.ts";

const USER_FILE_ONLY =
  "connect_client writes the client's user file only: over MCP no project folder or file to write is taken (DESIGN.md, Permissions)";

export const spec = defineSpec({
  cli: {
    command: "connect",
    description: "Add mcp-orchestration itself (serve) to a client's config; deploys never remove it",
    examples: [
      ["claude-code", "let Claude Code manage its own MCP servers through this program"],
      ["cursor --name orchestration", "the same for Cursor, under another entry name"],
    ],
  },
  mcp: {
    tool: "connect_client",
    title: "Connect a client to this server",
    description: "Add mcp-orchestration itself (`serve`, with this state folder) to a client's user config " +
      "file as an entry that deploys never remove, by the same protocol as a deploy (lock, backup, " +
      "compare-and-swap write, history). Running it again changes nothing.",
    // force replaces an entry we did not write.
    kind: "destructive",
    idempotent: true,
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "<client>", description: "client id", complete: "client" },
      mcp: {
        name: "client_id",
        description: 'Client id, e.g. "claude-code" (see list_clients)',
        required: true,
      },
    },
    name: {
      kind: "text",
      cli: {
        flag: "--name <name>",
        description: "server name in the client's file",
        default: "mcp-orchestration",
      },
      mcp: {
        name: "server_name",
        description: 'Entry name in the client file (default "mcp-orchestration")',
      },
    },
    scope: {
      kind: "text",
      choices: ["user", "project"],
      cli: { flag: "--scope <scope>", description: "user (default) or project (implied by --project-dir)" },
      mcp: absent(USER_FILE_ONLY),
    },
    projectDir: {
      kind: "text",
      cli: { flag: "--project-dir <dir>", description: "project folder for --scope project" },
      mcp: absent(USER_FILE_ONLY),
    },
    configPath: {
      kind: "text",
      cli: { flag: "--config-path <file>", description: "write this file instead of the client's default" },
      mcp: absent(NO_PATH_OVER_MCP),
    },
    force: {
      kind: "flag",
      cli: { flag: "--force", description: "replace an existing entry of that name we did not write" },
      mcp: { name: "force", description: "Replace an entry of that name that we did not write" },
    },
  },
  output: obj({
    status: str,
    client_id: str,
    config_path: str,
    server_name: str,
    command: str,
    args: arr(str),
    deployment_id: nullable(str),
    restart_hint: str,
  }),
});

export const op = bind(spec, () => import("../connect.ts"), (m, deps, input) => m.connect(deps, input));
