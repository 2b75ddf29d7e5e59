import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("history")
    .description("Every deployment of a client, newest first")
    .requiredOption("--client <id>", "client id")
    .option("--profile <name>", "only this profile")
    .option("--limit <n>", "at most N deployments", (v) => Number(v), 50)
    .action(
      action(
        env,
        async (deps, o: { client: string; profile?: string; limit?: number }) =>
          (await import("../../ops/history.ts")).history(deps, o),
        (r) =>
          r.deployments.length === 0 ? `No deployments for ${r.client_id}` : table([
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
            (r.total > r.deployments.length
              ? `\n(${r.total - r.deployments.length} older; use --limit)`
              : ""),
      ),
    );
}
