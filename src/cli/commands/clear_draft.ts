/** clear-draft: the text form of its result (the command is declared by src/ops/specs/clear_draft.ts). */
import { op } from "../../ops/specs/clear_draft.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  `Cleared ${r.removed.length} server${r.removed.length === 1 ? "" : "s"}\n${draftLine(r)}`;
