/** rollback: the text form of its result (the command is declared by src/ops/specs/rollback.ts). */
import { op } from "../../ops/specs/rollback.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";
import { deployText } from "./deploy_config.ts";

export { op };

export const text: TextOf<typeof op> = (r, s) =>
  !("restored_from" in r)
    ? deployText(r, s)
    : r.status === "dry_run"
    ? s.yellow("Dry run: nothing written") + "\n" + fields([
      ["config path", r.config_path],
      ["would restore", `the file as it was before deployment ${r.restored_from}`],
    ]) + (r.diff ? `\n${r.diff.replace(/\n$/, "")}` : "\n(no change)")
    : s.green("Restored") + "\n" + fields([
      ["config path", r.config_path],
      ["restored from", r.restored_from],
      ["deployment id", r.deployment_id],
    ]) + `\nNext: ${r.restart_hint}`;

/** A dry run that a plain rollback would refuse (drift) exits as that rollback would: 6. */
export const exitCode: ExitCodeOf<typeof op> = (r) => ("needs_force" in r && r.needs_force ? 6 : 0);
