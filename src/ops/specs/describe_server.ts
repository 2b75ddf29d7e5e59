/** describe-server / describe_server: what configuring one catalogue server takes. */
import { anyObject, arr, bind, defineSpec, obj, str } from "../spec.ts";
import { CLIENT_ID } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "describe-server",
    description: "Show a server's inputs, env, transports, install hint and a usage example for a client",
    examples: [
      ["github", "the github server's inputs and a usage example for Claude Desktop"],
      ["filesystem --client codex", "the same, with the example written for Codex"],
    ],
  },
  mcp: {
    tool: "describe_server",
    title: "Describe a server",
    description:
      "Everything needed to configure one catalogue server: its inputs (parameters and env vars, " +
      "which are required or secret), transports, install hints, deprecation, and a usage example for a client.",
    kind: "read",
  },
  input: {
    id: {
      kind: "text",
      cli: { flag: "<id>", description: "catalogue id" },
      mcp: {
        name: "server_id",
        description: 'Catalogue id, e.g. "filesystem" (see list_available_servers)',
        required: true,
      },
    },
    client: {
      kind: "text",
      cli: {
        flag: "--client <id>",
        description: "client for the usage example",
        default: "claude-desktop",
        complete: "client",
      },
      mcp: CLIENT_ID,
    },
  },
  output: obj({ id: str, name: str, description: str, options: arr(anyObject), usage_example: anyObject }),
});

export const op = bind(
  spec,
  () => import("../describe_server.ts"),
  (m, deps, input) => m.describeServer(deps, input),
);
