import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { draftLine, draftTarget, extractedLines, warningLines } from "../kv.ts";

interface Opts {
  client: string;
  profile: string;
  configPath?: string;
  scope?: string;
  projectDir?: string;
  replace?: boolean;
}

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("import-config")
      .description(
        "Read the servers already in a client's config file into a draft (secrets go to secrets.json)",
      ),
  )
    .option("--config-path <file>", "the config file (default: the client's file for this OS)")
    .option("--scope <scope>", "user or project", "user")
    .option("--project-dir <dir>", "project folder (with --scope project)")
    .option("--replace", "replace draft servers of the same name")
    .action(
      action(
        env,
        async (deps, o: Opts) => (await import("../../ops/import_config.ts")).importConfig(deps, o),
        (r) =>
          [
            `Imported ${r.imported.length} server${r.imported.length === 1 ? "" : "s"} from ${r.config_path}${
              r.imported.length ? `: ${r.imported.join(", ")}` : ""
            }`,
            draftLine(r),
            r.secrets_stored.length
              ? `  secrets stored in secrets.json: ${r.secrets_stored.join(", ")} (values ***)`
              : "",
            extractedLines(r.extracted),
            warningLines(r.warnings),
          ].filter(Boolean).join("\n"),
      ),
    );
}
