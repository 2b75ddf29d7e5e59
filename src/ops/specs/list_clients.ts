/** list-clients / list_clients: every client this program can configure. */
import { absent, arr, bind, bool, defineSpec, nullable, num, obj, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "list-clients",
    description: "Every supported client: config path on this machine, installed or not, profiles, support",
    examples: [
      ["", "every client, with its config file on this machine"],
      ["--client cursor --format json", "one client, as JSON"],
    ],
  },
  mcp: {
    tool: "list_clients",
    title: "List clients",
    description:
      "List the AI clients this program can configure (Claude Desktop, Claude Code, Cursor, ...): " +
      "config file path on this machine, whether it exists, file format, remote-server support, and profiles.",
    kind: "read",
  },
  input: {
    client: {
      kind: "text",
      cli: { flag: "--client <id>", description: "only this client", complete: "client" },
      mcp: absent("the tool lists every client; an assistant picks from the list"),
    },
  },
  output: obj({
    count: num,
    clients: arr(obj({
      client_id: str,
      display_name: str,
      config_path: nullable(str),
      config_exists: bool,
      format: str,
      profiles: arr(str, "Profiles with a draft, a publish or a deployment"),
      deployed_profiles: arr(str, "The profiles the files this client was deployed to hold now"),
    })),
  }),
});

export const op = bind(
  spec,
  () => import("../list_clients.ts"),
  (m, deps, input) => m.listClients(deps, input),
);
