/** list-servers / list_available_servers: the server catalogue, filtered. */
import { arr, bind, bool, defineSpec, num, obj, oneOf, optional, str } from "../spec.ts";
import { TRANSPORTS } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "list-servers",
    description: "List the servers of the catalogue (built-in plus <home>/registry)",
    examples: [
      ["--search git", "git and github first: id and title matches, then tags, then description words"],
      ["--tag database", "the database servers"],
      ["--transport http", "servers a client can reach over HTTP (no local install)"],
    ],
  },
  mcp: {
    tool: "list_available_servers",
    title: "List available servers",
    description: "List the MCP servers in the catalogue (built-in plus the user's server.json files), " +
      "optionally filtered by transport and by words in the id, name, description or tags. Servers deprecated " +
      "or deleted in the MCP registry (after sync_registry) are flagged: deprecated, upstream_status.",
    kind: "read",
    order: ["transport_filter", "search_query", "tag"],
  },
  input: {
    search: {
      kind: "text",
      cli: {
        flag: "--search <text>",
        description: "words matched in id, name, description and tags, best match first",
      },
      mcp: {
        name: "search_query",
        description:
          "Words that must all appear in id, name, description or tags; results are ranked: id and title matches first, then tags, then description words",
      },
    },
    transport: {
      kind: "text",
      choices: TRANSPORTS,
      cli: { flag: "--transport <t>", description: "stdio, http or sse" },
      mcp: {
        name: "transport_filter",
        description: 'Only servers with this transport: "stdio", "http" or "sse"',
        blankIsAbsent: true,
      },
    },
    tag: {
      kind: "text",
      cli: { flag: "--tag <tag>", description: "only servers with this tag" },
      mcp: { name: "tag", description: 'Only servers with this tag (e.g. "database")' },
    },
  },
  output: obj({
    count: num,
    servers: arr(obj({
      id: str,
      name: str,
      description: str,
      transports: arr(str),
      deprecated: bool,
      upstream_status: optional(
        oneOf("deprecated", "deleted"),
        "Deprecated or deleted in the MCP registry (read by registry sync / sync_registry)",
      ),
    })),
    warnings: arr(str),
  }),
});

export const op = bind(
  spec,
  () => import("../list_servers.ts"),
  (m, deps, input) => m.listServers(deps, input),
);
