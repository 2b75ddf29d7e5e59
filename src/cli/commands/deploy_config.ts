import type { Command } from "../parser.ts";
import type { DeployResult } from "../../ops/deploy.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";
import { colorDiff, PLAIN, type Style } from "../style.ts";

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
      ["backup", r.backup ?? undefined],
    ]),
  ];
  for (const w of r.warnings) lines.push(`${s.yellow("warning:")} ${w}`);
  if (r.status === "dry_run") lines.push(r.diff ? colorDiff(r.diff, s) : "(no change to the file)");
  if (r.status === "deployed") lines.push(`Next: ${r.restart_hint}`);
  return lines.join("\n");
}

export function register(program: Command, env: CliEnv): void {
  program.command("deploy-config")
    .description(
      "Verify a signed artifact and write it into a client's config file, keeping every other byte",
    )
    .requiredOption("--client <id>", "target client")
    .option("--profile <name>", "profile whose latest publish is deployed", "default")
    .option("--artifact-id <id>", "deploy this artifact instead (any client's publish)")
    .option("--dry-run", "print the exact change and write nothing")
    .option("--force", "overwrite entries that drifted (edited by hand, or not deployed by us)")
    .option("--scope <scope>", "user or project", "user")
    .option("--project-dir <dir>", "project folder for --scope project (default: current folder)")
    .option("--config-path <file>", "write this file instead of the client's default")
    .option("--secrets <mode>", "reference (client's own syntax where it has one) or literal", "reference")
    .action(
      action(env, async (deps, o: Record<string, any>) =>
        (await import("../../ops/deploy.ts")).deploy(deps, {
          client: o.client,
          profile: o.profile,
          artifactId: o.artifactId,
          dryRun: o.dryRun,
          force: o.force,
          scope: o.scope,
          projectDir: o.projectDir,
          configPath: o.configPath,
          secrets: o.secrets,
        }), deployText),
    );
}
