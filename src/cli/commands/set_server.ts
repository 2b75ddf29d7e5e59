/** set-server: the text form of its result (the command is declared by src/ops/specs/set_server.ts). */
import { op } from "../../ops/specs/set_server.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  [
    `Updated ${r.server}: ${r.changed.join(", ")}`,
    ...r.aliases.map((a) => `  ${a.kind === "param" ? "--param" : "--env"} ${a.given} -> ${a.used}`),
    ...(r.secrets_stored.length ? [`Stored in secrets.json: ${r.secrets_stored.join(", ")}`] : []),
    ...r.warnings.map((w) => `warning: ${w}`),
    draftLine(r),
  ].join("\n");
