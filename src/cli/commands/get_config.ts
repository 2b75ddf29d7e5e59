import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("get-config")
    .description("Show the latest (or a given) signed artifact of a client/profile")
    .argument("<client>", "client id")
    .argument("[profile]", "profile name", "default")
    .option("--artifact-id <id>", "a specific artifact (id or unique prefix of 8+)")
    .action(
      action(
        env,
        async (deps, client: string, profile: string, o: { artifactId?: string }) =>
          (await import("../../ops/get_config.ts")).getConfig(deps, {
            client,
            profile,
            artifactId: o.artifactId,
          }),
        (r) =>
          fields([
            ["artifact id", r.artifact_id],
            ["version", r.version],
            ["created at", r.created_at],
            [
              "signed by",
              r.legacy
                ? `${r.signing_key_id} (legacy artifact of the Python tool: payload signature only)`
                : r.signing_key_id,
            ],
            ["changelog", r.changelog || "(none)"],
          ]) + "\n" + JSON.stringify(r.payload, null, 2),
      ),
    );
}
