/** view-draft: the text form of its result (the command is declared by src/ops/specs/view_draft.ts). */
import { op } from "../../ops/specs/view_draft.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  [
    draftLine(r),
    ...r.entries.map((s) => {
      const src = "registry" in s.source ? `registry:${s.source.registry}` : "custom";
      const refs = s.secret_refs.map((x) => `${x.name}=${x.stored ? "***" : "(missing)"}`).join(", ");
      return `\n${s.name} (${src})${refs ? `\n  secrets: ${refs}` : ""}\n` +
        JSON.stringify(s.entry, null, 2).split("\n").map((l) => "  " + l).join("\n");
    }),
  ].join("\n");
