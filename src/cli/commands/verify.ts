/** verify: the text form of its result (the command is declared by src/ops/specs/verify.ts). */
import { op } from "../../ops/specs/verify.ts";
import { verifyAllText } from "../../ops/verify_all_text.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  "checked" in r
    ? verifyAllText(r)
    : (r.legacy ? "Verified (legacy artifact of the Python tool)\n" : "Verified\n") + fields([
      ["artifact id", r.artifact_id],
      [
        "signed by",
        r.legacy ? `${r.signing_key_id} (labelled "${r.legacy_key_label}" in the file)` : r.signing_key_id,
      ],
      [
        "listed in",
        r.indexed_in.map((i) =>
          `${i.client_id}/${i.profile_id} v${i.version}${i.legacy ? " (unsigned Python index)" : ""}`
        ).join(", "),
      ],
      ["checks", r.checks.join(", ")],
    ]);
