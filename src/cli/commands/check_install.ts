/** check-install: the text form of its result (the command is declared by src/ops/specs/check_install.ts). */
import { op } from "../../ops/specs/check_install.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  `${r.id}: ${r.installed ? "ready" : "not ready"}. ${r.hint}\n` + table([
    ["TRANSPORT", "KIND", "RUNTIME", "FOUND", "TARGET"],
    ...r.options.map((o) => [
      o.transport,
      o.kind,
      o.runtime ?? "-",
      o.runtime ? (o.runtime_path ?? "no") : "-",
      o.target,
    ]),
  ]);
