import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("history")
    .description("Every deployment of a client, newest first; or one deployment in full (--deployment)")
    .option("--client <id>", "client id")
    .option("--profile <name>", "only this profile")
    .option("--limit <n>", "at most N deployments", (v) => Number(v), 50)
    .option("--deployment <id>", "show this deployment's whole record instead (id or unique prefix)")
    .action(
      action(
        env,
        async (deps, o: { client?: string; profile?: string; limit?: number; deployment?: string }) => {
          const ops = await import("../../ops/history.ts");
          if (o.deployment !== undefined) {
            return await ops.deploymentDetails(deps, { deploymentId: o.deployment });
          }
          if (o.client === undefined) {
            const { AppError } = await import("../../core/errors.ts");
            throw new AppError("usage", "Give --client C (the history) or --deployment ID (one deployment)");
          }
          return await ops.history(deps, { ...o, client: o.client });
        },
        (r) =>
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
              (r.total > r.deployments.length
                ? `\n(${r.total - r.deployments.length} older; use --limit)`
                : ""),
      ),
    );
}
