/** add-server: the text form of its result (the command is declared by src/ops/specs/add_server.ts). */
import { op } from "../../ops/specs/add_server.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine, extractedLines, warningLines } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  [
    `${r.action === "added" ? "Added" : "Replaced"} ${r.server}`,
    draftLine(r),
    ...r.aliases.map((a) => `  ${a.kind === "param" ? "--param" : "--env"} ${a.given} -> ${a.used}`),
    r.secrets_stored.length
      ? `  secrets stored in secrets.json: ${r.secrets_stored.join(", ")} (values ***)`
      : "",
    extractedLines(r.extracted),
    warningLines(r.warnings),
  ].filter(Boolean).join("\n");
