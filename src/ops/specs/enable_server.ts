/** enable-server / enable_server_in_config: switch one server of a draft back on. */
import { arr, bind, defineSpec, obj, oneOf, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "enable-server",
    description: "Switch a disabled server of a draft back on",
    examples: [
      ["github --client codex", "github is written enabled at the next publish and deploy"],
    ],
  },
  mcp: {
    tool: "enable_server_in_config",
    title: "Enable a server in the draft",
    description:
      "Switch a disabled server (see disable_server_in_config) back on in the draft of a client/profile.",
    kind: "write",
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
  },
  output: obj({
    ...DRAFT_SUMMARY,
    action: oneOf("disabled", "enabled", "unchanged"),
    server: str,
    disabled: arr(str, "The draft's disabled servers"),
  }),
});

export const op = bind(
  spec,
  () => import("../server_switch.ts"),
  (m, deps, input) => m.enableServer(deps, input),
);
