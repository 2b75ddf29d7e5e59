/** add-server / add_server_to_config: add a catalogue (or custom) server to a draft. */
import { arr, bind, defineSpec, num, obj, oneOf, optional, str } from "../spec.ts";
import { DRAFT_PROFILE, TRANSPORTS, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "add-server",
    description: "Add a catalogue server (ID) or a custom one (NAME with --command or --url) to a draft",
    examples: [
      [
        "filesystem --client cursor --param allowed_directory=/home/me/projects",
        "a catalogue server with a parameter",
      ],
      [
        'github --env GITHUB_PERSONAL_ACCESS_TOKEN="$GITHUB_TOKEN"',
        "the token goes to secrets.json; the draft keeps a reference",
      ],
      ["tools --command node --arg /opt/tools/server.js", "a custom local server"],
      [
        'docs --url https://example.com/mcp --header "Authorization:Bearer $DOCS_TOKEN"',
        "a custom remote server",
      ],
    ],
  },
  mcp: {
    tool: "add_server_to_config",
    title: "Add a server to the draft",
    description:
      "Add a server to the draft of a client/profile. server_id is a catalogue id (describe_server " +
      "lists its params and env vars); for a server outside the catalogue give command (+ args) or url. Secret " +
      "values (tokens, keys) are stored in secrets.json; the draft keeps only ${VAR} references.",
    // replace overwrites an entry of the same name.
    kind: "destructive",
  },
  input: {
    client: WRITE_DRAFT_CLIENT,
    profile: DRAFT_PROFILE,
    id: {
      kind: "text",
      cli: { flag: "<id>", description: "catalogue id, or the name of a custom server" },
      mcp: {
        name: "server_id",
        description: 'Catalogue id (e.g. "filesystem"), or the name of a custom server',
        required: true,
      },
    },
    params: {
      kind: "params",
      cli: { flag: "--param <k=v>", description: "parameter value (repeat; a repeated name gives a list)" },
      mcp: {
        name: "params",
        description:
          'Parameter values by name, e.g. {"allowed_directory": "/home/me/projects"}; names guides use are mapped to the catalogue\'s own and reported in aliases (path -> allowed_directory).',
      },
    },
    env: {
      kind: "pairs",
      cli: {
        flag: "--env <K=V>",
        description: "environment variable (repeat); secret values go to secrets.json",
      },
      mcp: {
        name: "env_vars",
        description:
          'Environment values by name, e.g. {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_..."} (GITHUB_TOKEN is mapped to it and reported in aliases).',
      },
    },
    name: {
      kind: "text",
      cli: { flag: "--name <name>", description: "name in the configuration (default: the id)" },
      mcp: {
        name: "server_name",
        description: "Name of the entry in the client file (default: the server id)",
      },
    },
    replace: {
      kind: "flag",
      cli: { flag: "--replace", description: "replace a server of the same name" },
      mcp: {
        name: "replace",
        description: "Replace an entry of the same name already in the draft",
        default: false,
      },
    },
    transport: {
      kind: "text",
      choices: TRANSPORTS,
      cli: { flag: "--transport <t>", description: "stdio, http or sse" },
      mcp: {
        name: "transport",
        description: 'Choose a transport when the server has several: "stdio", "http", "sse"',
      },
    },
    command: {
      kind: "text",
      cli: { flag: "--command <cmd>", description: "custom local server: the program to start" },
      mcp: { name: "command", description: "Custom local server: the command to run" },
    },
    args: {
      kind: "texts",
      cli: { flag: "--arg <a>", description: "custom local server: one argument (repeat)" },
      mcp: { name: "args", description: "Custom local server: its arguments" },
    },
    url: {
      kind: "text",
      cli: { flag: "--url <url>", description: "custom remote server: its URL" },
      mcp: { name: "url", description: "Custom remote server: its URL" },
    },
    headers: {
      kind: "pairs",
      cli: {
        flag: "--header <K:V>",
        description: "custom remote server: one header (repeat); auth values go to secrets.json",
        sep: ":",
      },
      mcp: { name: "headers", description: "Custom remote server: HTTP headers." },
    },
  },
  output: obj({
    action: oneOf("added", "replaced"),
    server: str,
    client_id: str,
    profile_id: str,
    server_count: num,
    servers: arr(str),
    secrets_stored: arr(str),
    extracted: arr(
      obj({
        server: str,
        field: str,
        variable: str,
        instead_of: optional(str, "the variable's own name, when secrets.json held another value under it"),
      }),
      "Each literal secret moved to secrets.json: where it was and the variable referenced there",
    ),
    aliases: arr(
      obj({ kind: oneOf("param", "env"), given: str, used: str }),
      "Inputs given under a name the catalogue maps to its own (path -> allowed_directory)",
    ),
    warnings: arr(str),
  }),
});

export const op = bind(spec, () => import("../add_server.ts"), (m, deps, input) => m.addServer(deps, input));
