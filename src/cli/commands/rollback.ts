import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";
import { deployText } from "./deploy_config.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("rollback")
    .description(
      "Deploy an earlier artifact (default: the one before the current), or restore a file's exact pre-image",
    )
    .requiredOption("--client <id>", "client id")
    .option("--to <deployment-id>", "go back to the artifact of this deployment")
    .option("--artifact-id <id>", "go back to this artifact")
    .option("--restore <deployment-id>", "put back the exact bytes the file had before this deployment")
    .option("--dry-run", "print the change and write nothing")
    .option("--force", "overwrite drifted entries")
    .option("--scope <scope>", "user or project")
    .option("--project-dir <dir>", "project folder for --scope project")
    .option("--config-path <file>", "the file to roll back (default: the last one deployed)")
    .action(
      action(
        env,
        async (deps, o: Record<string, any>) =>
          (await import("../../ops/rollback.ts")).rollback(deps, { ...o, client: o.client }),
        (r, s) =>
          "restored_from" in r && r.status === "restored"
            ? s.green("Restored") + "\n" + fields([
              ["config path", r.config_path],
              ["restored from", r.restored_from],
              ["deployment id", r.deployment_id],
            ]) + `\nNext: ${r.restart_hint}`
            : deployText(r as never, s),
      ),
    );
}
