/** import-config: the text form of its result (the command is declared by src/ops/specs/import_config.ts). */
import { op } from "../../ops/specs/import_config.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine, extractedLines, warningLines } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  [
    `Imported ${r.imported.length} server${r.imported.length === 1 ? "" : "s"} from ${r.config_path}${
      r.imported.length ? `: ${r.imported.join(", ")}` : ""
    }`,
    draftLine(r),
    r.secrets_stored.length
      ? `  secrets stored in secrets.json: ${r.secrets_stored.join(", ")} (values ***)`
      : "",
    extractedLines(r.extracted),
    warningLines(r.warnings),
  ].filter(Boolean).join("\n");
