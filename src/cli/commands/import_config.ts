/** import-config: the text form of its result (the command is declared by src/ops/specs/import_config.ts). */
import { op } from "../../ops/specs/import_config.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine, extractedLines, warningLines } from "../kv.ts";

export { op };

/** The servers by the file they came from (the client merges several): "a, b from X; c from Y". */
function fromFiles(
  r: { config_path: string; imported: string[]; sources?: { server: string; file: string }[] },
) {
  const files = new Map<string, string[]>();
  for (const s of r.sources ?? []) files.set(s.file, [...(files.get(s.file) ?? []), s.server]);
  return [...files].map(([f, names]) => `${names.join(", ")} from ${f}`).join("; ");
}

export const text: TextOf<typeof op> = (r) =>
  [
    r.sources?.some((s) => s.file !== r.config_path)
      ? `Imported ${r.imported.length} server${r.imported.length === 1 ? "" : "s"}: ${fromFiles(r)}`
      : `Imported ${r.imported.length} server${r.imported.length === 1 ? "" : "s"} from ${r.config_path}${
        r.imported.length ? `: ${r.imported.join(", ")}` : ""
      }`,
    draftLine(r),
    r.secrets_stored.length
      ? `  secrets stored in secrets.json: ${r.secrets_stored.join(", ")} (values ***)`
      : "",
    extractedLines(r.extracted),
    warningLines(r.warnings),
  ].filter(Boolean).join("\n");
