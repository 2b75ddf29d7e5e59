/** rollback: the text form of its result (the command is declared by src/ops/specs/rollback.ts). */
import { op } from "../../ops/specs/rollback.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";
import { deployText } from "./deploy_config.ts";

export { op };

export const text: TextOf<typeof op> = (r, s) =>
  r.status === "restored"
    ? s.green("Restored") + "\n" + fields([
      ["config path", r.config_path],
      ["restored from", r.restored_from],
      ["deployment id", r.deployment_id],
    ]) + `\nNext: ${r.restart_hint}`
    : deployText(r, s);

/** A dry run that a plain rollback would refuse (drift) exits as that rollback would: 6. */
export const exitCode: ExitCodeOf<typeof op> = (r) => ("needs_force" in r && r.needs_force ? 6 : 0);
