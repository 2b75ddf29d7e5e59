/** disable-server: the text form of its result (the command is declared by src/ops/specs/disable_server.ts). */
import { op } from "../../ops/specs/disable_server.ts";
import type { TextOf } from "../from_spec.ts";
import { draftLine } from "../kv.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  [
    r.action === "unchanged" ? `${r.server} was already disabled` : `Disabled ${r.server}`,
    draftLine(r),
    ...(r.disabled.length ? [`Disabled: ${r.disabled.join(", ")}`] : []),
  ].join("\n");
