import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { draftTarget } from "../kv.ts";

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("validate-config")
      .description("Validate a draft against its client and the catalogue (exit 4 when invalid)"),
  )
    .action(
      action(
        env,
        async (deps, o: { client: string; profile: string }) =>
          (await import("../../ops/validate_config.ts")).validateConfig(deps, o),
        (r, s) =>
          [
            `${
              r.valid ? s.green("Valid") : s.red("Invalid")
            }: ${r.client_id}/${r.profile_id}, ${r.server_count} server${
              r.server_count === 1 ? "" : "s"
            }, ${r.errors.length} error${r.errors.length === 1 ? "" : "s"}, ${r.warnings.length} warning${
              r.warnings.length === 1 ? "" : "s"
            }`,
            ...r.errors.map((e) => `  ${s.red("error")} ${e.code}: ${e.message}`),
            ...r.warnings.map((w) => `  ${s.yellow("warning")} ${w.code}: ${w.message}`),
          ].join("\n"),
        (r) => (r.valid ? 0 : 4),
      ),
    );
}
