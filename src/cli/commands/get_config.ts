/** get-config: the text form of its result (the command is declared by src/ops/specs/get_config.ts). */
import { op } from "../../ops/specs/get_config.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  fields([
    ["artifact id", r.artifact_id],
    ["version", r.version],
    ["created at", r.created_at],
    [
      "signed by",
      r.legacy
        ? `${r.signing_key_id} (legacy artifact of the Python tool: payload signature only)`
        : r.signing_key_id,
    ],
    ["changelog", r.changelog || "(none)"],
  ]) + "\n" + JSON.stringify(r.payload, null, 2);
