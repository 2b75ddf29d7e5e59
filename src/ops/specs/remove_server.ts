/** remove-server / remove_server_from_config: take one server out of a draft. */
import { bind, defineSpec, literal, obj, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "remove-server",
    description: "Remove a server from a draft",
    examples: [["github --client cursor", "take github out of cursor's default draft"]],
  },
  mcp: {
    tool: "remove_server_from_config",
    title: "Remove a server from the draft",
    description: "Remove the server named server_name from the draft of a client/profile.",
    kind: "destructive",
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
  },
  output: obj({ ...DRAFT_SUMMARY, action: literal("removed"), server: str }),
});

export const op = bind(
  spec,
  () => import("../remove_server.ts"),
  (m, deps, input) => m.removeServer(deps, input),
);
