/** history: the text form of its result (the command is declared by src/ops/specs/history.ts). */
import { op } from "../../ops/specs/history.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) =>
  !("deployments" in r)
    ? JSON.stringify(r, null, 2)
    : r.deployments.length === 0
    ? `No deployments for ${r.client_id}`
    : table([
      ["DEPLOYMENT", "ACTION", "PROFILE", "ARTIFACT", "WHEN", "CHANGES"],
      ...r.deployments.map((d) => [
        d.deployment_id,
        d.action,
        d.profile_id,
        d.artifact_id?.slice(0, 12) ?? "-",
        d.deployed_at,
        `+${d.changes.added.length} ~${d.changes.updated.length} -${d.changes.removed.length}`,
      ]),
    ], "") +
      (r.total > r.deployments.length ? `\n(${r.total - r.deployments.length} older; use --limit)` : "");
