import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("list-profiles")
    .description("List a client's profiles with a draft or a publish")
    .argument("<client>", "client id")
    .action(
      action(
        env,
        async (deps, client: string) =>
          (await import("../../ops/list_profiles.ts")).listProfiles(deps, { client }),
        (r) =>
          r.profiles.length === 0
            ? `No profiles for ${r.client_id} yet`
            : `Profiles of ${r.client_id}:\n` + table([
              ["PROFILE", "DRAFT", "VERSIONS", "LATEST ARTIFACT", "PUBLISHED"],
              ...r.profiles.map((p) => [
                p.profile_id,
                p.has_draft ? "yes" : "no",
                String(p.published_versions),
                p.latest_artifact_id?.slice(0, 12) ?? "-",
                p.latest_published_at ?? "-",
              ]),
            ]),
      ),
    );
}
