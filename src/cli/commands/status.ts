/** status: the text form of its result (the command is declared by src/ops/specs/status.ts). */
import { op } from "../../ops/specs/status.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";
import type { Style } from "../style.ts";
import type { TargetStatus } from "../../ops/status.ts";

export { op };

/** up-to-date green, drifted and broken red, the rest yellow. */
function stateColor(state: string, s: Style): (t: string) => string {
  if (state === "up-to-date") return s.green;
  if (state === "drifted" || state === "unreadable") return s.red;
  return state === "not-deployed" ? s.dim : s.yellow;
}

export const text: TextOf<typeof op> = (r, s) =>
  [
    r.targets.length === 0 ? "Nothing published or deployed yet" : targetsTable(r.targets, s),
    ...r.pins.map((p) =>
      `${s.red("changed since pinned:")} ${p.server} (${p.changes.length} change${
        p.changes.length === 1 ? "" : "s"
      } at ${p.checked_at}; run doctor to see them, doctor --pin to accept)`
    ),
  ].join("\n");

function targetsTable(targets: TargetStatus[], s: Style): string {
  return table([
    ["CLIENT", "PROFILE", "STATE", "LATEST", "DEPLOYED", "FILE"],
    ...targets.map((t) => [
      t.client_id,
      t.profile_id,
      stateColor(t.state, s)(
        t.state +
          (t.drifted_servers.length
            ? ` (${t.drifted_servers.map((d) => `${d.server} ${d.change}`).join(", ")})`
            : "") +
          (t.rotated_secrets?.length ? ` (secret rotated: ${t.rotated_secrets.join(", ")})` : ""),
      ),
      t.latest_artifact_id?.slice(0, 12) ?? "-",
      t.deployed_artifact_id?.slice(0, 12) ?? "-",
      t.config_path ?? "-",
    ]),
  ], "");
}
