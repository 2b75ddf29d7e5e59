/** validate-config / validate_config: check a draft against its client and the catalogue. */
import { anyObject, arr, bind, bool, defineSpec, num, obj, str } from "../spec.ts";
import { DRAFT_CLIENT, DRAFT_PROFILE } from "./common.ts";

export const spec = defineSpec({
  cli: {
    command: "validate-config",
    description: "Validate a draft against its client and the catalogue (exit 4 when invalid)",
    examples: [["--client cursor", "errors block publishing, warnings do not; exit 4 when invalid"]],
  },
  mcp: {
    tool: "validate_config",
    title: "Validate the draft",
    description: "Validate the draft of a client/profile for that client: errors (e.g. MISSING_ENV, " +
      "MISSING_COMMAND, UNSUPPORTED_TRANSPORT) block publishing; warnings do not. valid=false is a result, " +
      "not a failure.",
    kind: "read",
  },
  input: { client: DRAFT_CLIENT, profile: DRAFT_PROFILE },
  output: obj({
    valid: bool,
    errors: arr(anyObject),
    warnings: arr(anyObject),
    server_count: num,
    client_id: str,
    profile_id: str,
  }),
});

export const op = bind(
  spec,
  () => import("../validate_config.ts"),
  (m, deps, input) => m.validateConfig(deps, input),
);
