/** verify: the text form of its result (the command is declared by src/ops/specs/verify.ts). */
import { op } from "../../ops/specs/verify.ts";
import type { VerifyAllResult } from "../../ops/verify_all.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";
import { signerLabel } from "../../core/signer.ts";

export { op };

/** The text form of `verify --all`: "Verified the state folder ...", the counts and every warning. */
function verifyAllText(r: VerifyAllResult): string {
  const counts = Object.entries(r.checked).map(([k, v]) => `${v} ${k.replace("_", " ")}`).join(", ");
  const lines = [`Verified the state folder ${r.home}`, `  checked: ${counts}`];
  if (r.legacy_artifacts.length) {
    const ids = r.legacy_artifacts.map((id) => id.slice(0, 12)).join(", ");
    lines.push(
      `  legacy:  ${r.legacy_artifacts.length} artifacts of the Python tool (payload hash and payload signature only): ${ids}`,
    );
  }
  if (r.legacy_indexes.length) {
    lines.push(
      `  legacy:  ${r.legacy_indexes.length} unsigned Python profile indexes: ${r.legacy_indexes.join(", ")}`,
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join("\n");
}

export const text: TextOf<typeof op> = (r) =>
  "checked" in r
    ? verifyAllText(r)
    : (r.legacy ? "Verified (legacy artifact of the Python tool)\n" : "Verified\n") + fields([
      ["artifact id", r.artifact_id],
      [
        "signed by",
        signerLabel(r.signer) + (r.legacy ? ` (labelled "${r.legacy_key_label}" in the file)` : ""),
      ],
      [
        "listed in",
        r.indexed_in.map((i) =>
          `${i.client_id}/${i.profile_id} v${i.version}${i.legacy ? " (unsigned Python index)" : ""}`
        ).join(", "),
      ],
      ["checks", r.checks.join(", ")],
    ]);
