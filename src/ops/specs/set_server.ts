/** set-server / set_server_in_config: change fields of one server of a draft without re-adding it. */
import { arr, bind, defineSpec, literal, obj, oneOf, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "set-server",
    description: "Change the env, arguments or parameters of one server in a draft, keeping the rest",
    examples: [
      ["filesystem --param allowed_directory=/home/me/notes", "point a catalogue server elsewhere"],
      [
        'github --env GITHUB_PERSONAL_ACCESS_TOKEN="$NEW_TOKEN"',
        "a new token: it goes to secrets.json, the draft keeps the reference",
      ],
      ["tools --arg /opt/tools/server.js --arg --verbose", "a custom server's arguments, replaced"],
      ["tools --unset-env DEBUG", "drop one environment variable"],
    ],
  },
  mcp: {
    tool: "set_server_in_config",
    title: "Change a server in the draft",
    description:
      "Change fields of the server named server_name in the draft of a client/profile, keeping the others: " +
      "env_vars (set), unset_env (remove), params (a catalogue server's parameters; it is resolved again), " +
      "args (a custom local server's arguments, replaced). Secret values go to secrets.json; the draft " +
      "keeps ${VAR} references.",
    // Replaces values (env, args, params) of an entry.
    kind: "destructive",
    idempotent: true,
  },
  input: {
    client: WRITE_DRAFT_CLIENT,
    profile: DRAFT_PROFILE,
    name: {
      kind: "text",
      cli: { flag: "<name>", description: "server name in the draft" },
      mcp: {
        name: "server_name",
        description: "Name of the server in the draft (see view_draft_config)",
        required: true,
      },
    },
    env: {
      kind: "pairs",
      cli: {
        flag: "--env <K=V>",
        description: "set an environment variable (repeat); secret values go to secrets.json",
      },
      mcp: { name: "env_vars", description: 'Environment values to set, e.g. {"LOG_LEVEL": "debug"}.' },
    },
    unsetEnv: {
      kind: "texts",
      cli: { flag: "--unset-env <K>", description: "remove an environment variable (repeat)" },
      mcp: { name: "unset_env", description: "Names of environment variables to remove" },
    },
    args: {
      kind: "texts",
      cli: { flag: "--arg <a>", description: "custom local server: its arguments, replaced (repeat)" },
      mcp: { name: "args", description: "Custom local server: its new argument list" },
    },
    params: {
      kind: "params",
      cli: { flag: "--param <k=v>", description: "catalogue server: a parameter value (repeat)" },
      mcp: {
        name: "params",
        description: 'Catalogue server: parameter values by name, e.g. {"allowed_directory": "/home/me/x"}.',
      },
    },
  },
  output: obj({
    ...DRAFT_SUMMARY,
    action: literal("updated"),
    server: str,
    changed: arr(str, "What changed: env.K, args, param.k (names only)"),
    secrets_stored: arr(str),
    aliases: arr(
      obj({ kind: oneOf("param", "env"), given: str, used: str }),
      "Inputs given under a name the catalogue maps to its own (GITHUB_TOKEN -> GITHUB_PERSONAL_ACCESS_TOKEN)",
    ),
    warnings: arr(str),
  }),
});

export const op = bind(spec, () => import("../add_server.ts"), (m, deps, input) => m.setServer(deps, input));
