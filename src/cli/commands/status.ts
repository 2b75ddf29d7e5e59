/** status: the text form of its result (the command is declared by src/ops/specs/status.ts). */
import { op } from "../../ops/specs/status.ts";
import type { TextOf } from "../from_spec.ts";
import { table } from "../output.ts";
import type { Style } from "../style.ts";
import type { TargetStatus } from "../../ops/status.ts";

export { op };

/** up-to-date green, drifted, shadowed and broken red, the rest yellow. */
function stateColor(state: string, s: Style): (t: string) => string {
  if (state === "shadowed") return s.red;
  if (state === "up-to-date") return s.green;
  if (state === "drifted" || state === "unreadable" || state === "untrusted") return s.red;
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

/** What the state needs to be read right: the drifted entries, the files shadowing ours, the profile
 * replacing this one, the profile of another client this target follows. */
function stateNote(t: TargetStatus): string {
  if (t.drifted_servers.length) {
    return ` (${t.drifted_servers.map((d) => `${d.server} ${d.change}`).join(", ")})`;
  }
  if (t.shadowed_servers?.length) {
    return ` (${
      t.shadowed_servers.map((x) =>
        `${x.server} by ${x.file}${x.project_dir !== undefined ? ` (${x.place} of ${x.project_dir})` : ""}`
      ).join(", ")
    })`;
  }
  if (t.rotated_secrets?.length) return ` (secret rotated: ${t.rotated_secrets.join(", ")})`;
  const by = t.state === "replaced" && t.detail?.match(/^replaced by profile "(.*)"$/)?.[1];
  if (by) return ` (by profile ${by})`;
  if (t.follows && t.follows !== `${t.client_id}/${t.profile_id}`) {
    return t.behind ? ` (behind ${t.follows} v${t.latest_version})` : ` (follows ${t.follows})`;
  }
  return "";
}

/** Who signed what is deployed, when it is not this machine's own trusted key: " (signed by alice)", or
 * " (signed by alice, 3f2a9c1e0b7d4e21: no longer trusted)". (JSON: `signed_by` on every target.) */
function signerNote(t: TargetStatus): string {
  const s = t.signed_by;
  if (!s || (s.own && s.trusted)) return "";
  if (s.trusted) return ` (signed by ${s.name ?? s.key_id})`;
  return ` (signed by ${s.name ? `${s.name}, ` : ""}${s.key_id}: no longer trusted)`;
}

function targetsTable(targets: TargetStatus[], s: Style): string {
  return table([
    ["CLIENT", "PROFILE", "STATE", "LATEST", "DEPLOYED", "FILE"],
    ...targets.map((t) => [
      t.client_id,
      t.profile_id,
      stateColor(t.state, s)(t.state + stateNote(t) + signerNote(t)),
      t.latest_artifact_id?.slice(0, 12) ?? "-",
      t.deployed_artifact_id?.slice(0, 12) ?? "-",
      t.config_path ?? "-",
    ]),
  ], "");
}
