/** clear-draft / clear_draft_config: empty a draft (published artifacts and stored secrets stay). */
import { arr, bind, defineSpec, literal, obj, str } from "../spec.ts";
import { DRAFT_PROFILE, DRAFT_SUMMARY, WRITE_DRAFT_CLIENT } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "clear-draft",
    description: "Delete a draft (published artifacts and stored secrets stay)",
    examples: [["--client cursor", "start cursor's default draft over"]],
  },
  mcp: {
    tool: "clear_draft_config",
    title: "Clear the draft",
    description: "Remove every server from the draft of a client/profile. Published artifacts and deployed " +
      "files are not touched.",
    kind: "destructive",
    idempotent: true,
  },
  input: { client: WRITE_DRAFT_CLIENT, profile: DRAFT_PROFILE },
  output: obj({ ...DRAFT_SUMMARY, action: literal("cleared"), removed: arr(str) }),
});

export const op = bind(
  spec,
  () => import("../clear_draft.ts"),
  (m, deps, input) => m.clearDraft(deps, input),
);
