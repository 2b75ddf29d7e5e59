/** view-draft / view_draft_config: the servers of a draft (secrets as references). */
import { anyObject, arr, bind, bool, defineSpec, obj } from "../spec.ts";
import { DRAFT_CLIENT, DRAFT_PROFILE, DRAFT_SUMMARY } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "view-draft",
    description: "Show the servers of a draft (secrets as references)",
    examples: [["--client cursor --profile work", "each server of the draft and the entry it will publish"]],
  },
  mcp: {
    tool: "view_draft_config",
    title: "View the draft",
    description: "Show the draft of a client/profile: each server's source, parameters, env (secrets only " +
      "as references, with whether a value is stored) and the entry it will publish.",
    kind: "read",
  },
  input: { client: DRAFT_CLIENT, profile: DRAFT_PROFILE },
  output: obj({ ...DRAFT_SUMMARY, exists: bool, entries: arr(anyObject) }),
});

export const op = bind(spec, () => import("../view_draft.ts"), (m, deps, input) => m.viewDraft(deps, input));
