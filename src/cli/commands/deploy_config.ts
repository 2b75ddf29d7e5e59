/** deploy-config: the text form of a deploy (the command is declared by src/ops/specs/deploy_config.ts). */
import { op } from "../../ops/specs/deploy_config.ts";
import type { DeployResult, MultiDeployResult } from "../../ops/deploy.ts";
import type { ExitCodeOf, TextOf } from "../from_spec.ts";
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
  if (r.required_env?.length) {
    lines.push("Environment the client must have (it reads these references; values never shown):");
    const w = Math.max(...r.required_env.map((e) => e.name.length));
    for (const e of r.required_env) {
      lines.push(
        `  ${e.name.padEnd(w)}  ${e.set ? "set here    " : s.yellow("NOT set here")}  ${
          e.servers.join(", ")
        }`,
      );
    }
  }
  if (r.status === "dry_run") lines.push(r.diff ? colorDiff(r.diff, s) : "(no change to the file)");
  if (r.status === "deployed") lines.push(`Next: ${r.restart_hint}`);
  return lines.join("\n");
}

/** Several clients: one block per client, each deployed or refused with its error. */
function manyText(r: MultiDeployResult, s: Style): string {
  const lines = [`Artifact ${r.artifact_id.slice(0, 12)} (${r.source}) to ${r.results.length} clients:`];
  for (const x of r.results) {
    lines.push("");
    if (x.ok) lines.push(`== ${x.client_id}`, deployText(x, s));
    else lines.push(`== ${x.client_id}`, `${s.red("refused:")} ${x.message} [${x.error}]`);
  }
  const refused = r.results.filter((x) => !x.ok).map((x) => x.client_id);
  lines.push("", refused.length ? s.red(`Refused: ${refused.join(", ")}`) : s.green("Every client done"));
  return lines.join("\n");
}

export const text: TextOf<typeof op> = (r, s) =>
  "results" in r ? manyText(r as MultiDeployResult, s) : deployText(r as DeployResult, s);

/** Several clients: the worst exit code of the clients (0 when every one was deployed). One client: a dry
 * run that a plain deploy would refuse (drift) exits as that deploy would: 6. */
export const exitCode: ExitCodeOf<typeof op> = (r) =>
  "results" in r ? (r as MultiDeployResult).exit_code : ((r as DeployResult).needs_force ? 6 : 0);
