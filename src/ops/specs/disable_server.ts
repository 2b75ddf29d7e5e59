/** disable-server / disable_server_in_config: switch one server of a draft off. */
import { arr, bind, defineSpec, obj, oneOf, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "disable-server",
    description:
      "Switch a server of a draft off (kept in the draft and artifact; deployed disabled, or left out)",
    examples: [
      ["github --client codex", "codex gets github with enabled = false at the next publish and deploy"],
    ],
  },
  mcp: {
    tool: "disable_server_in_config",
    title: "Disable a server in the draft",
    description:
      "Switch the server named server_name off in the draft of a client/profile. It stays in the draft and " +
      "the published artifact (disabled: true); a deploy writes it with the client's own switch (Codex " +
      "enabled = false, Cline disabled: true, Gemini CLI mcp.excluded, ...) or leaves it out of a client " +
      "that has none.",
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
  (m, deps, input) => m.disableServer(deps, input),
);
