/** registry import: the text form of its result (the command is declared by src/ops/specs/registry_import.ts). */
import { op } from "../../ops/specs/registry_import.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  `Imported ${r.count} server${r.count === 1 ? "" : "s"} from ${r.file}\n` +
  r.imported.map((s) => `  ${s.id} (${s.name})${s.overrides ? ` overrides the ${s.overrides} entry` : ""}`)
    .join("\n");
