/** validate-config: the text form of its result and its exit code (the command is declared by
 * src/ops/specs/validate_config.ts). */
import { op } from "../../ops/specs/validate_config.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";

export { op };

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

export const text: TextOf<typeof op> = (r, s) =>
  [
    `${r.valid ? s.green("Valid") : s.red("Invalid")}: ${r.client_id}/${r.profile_id}, ${
      plural(r.server_count, "server")
    }, ${plural(r.errors.length, "error")}, ${plural(r.warnings.length, "warning")}`,
    ...r.errors.map((e) => `  ${s.red("error")} ${e.code}: ${e.message}`),
    ...r.warnings.map((w) => `  ${s.yellow("warning")} ${w.code}: ${w.message}`),
  ].join("\n");

/** 4 when the draft is invalid. */
export const exitCode: ExitCodeOf<typeof op> = (r) => (r.valid ? 0 : 4);
