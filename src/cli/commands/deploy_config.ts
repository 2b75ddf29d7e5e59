/** deploy-config: the text form of a deploy (the command is declared by src/ops/specs/deploy_config.ts). */
import { op } from "../../ops/specs/deploy_config.ts";
import type { DeployResult } from "../../ops/deploy.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";
import { colorDiff, PLAIN, type Style } from "../style.ts";

export { op };

export function deployText(r: DeployResult, s: Style = PLAIN): string {
  const head = r.status === "dry_run"
    ? s.yellow("Dry run: nothing was written")
    : r.status === "unchanged"
    ? "Already deployed: the file holds this artifact"
    : s.green("Deployed");
  const c = r.changes;
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : "-");
  const lines = [
    head,
    fields([
      ["artifact id", r.artifact_id],
      ["client", `${r.client_id} (profile ${r.profile_id})`],
      ["config path", r.config_path],
      ["deployment id", r.deployment_id ?? "-"],
      ["added", c.added.length ? s.green(list(c.added)) : "-"],
      ["updated", c.updated.length ? s.yellow(list(c.updated)) : "-"],
      ["removed", c.removed.length ? s.red(list(c.removed)) : "-"],
      ["unchanged", list(c.unchanged)],
      ["disabled", r.disabled?.length ? list(r.disabled) : undefined],
      ["backup", r.backup ?? undefined],
    ]),
  ];
  for (const w of r.warnings) lines.push(`${s.yellow("warning:")} ${w}`);
  if (r.status === "dry_run") lines.push(r.diff ? colorDiff(r.diff, s) : "(no change to the file)");
  if (r.status === "deployed") lines.push(`Next: ${r.restart_hint}`);
  return lines.join("\n");
}

export const text: TextOf<typeof op> = deployText;
