import type { Command } from "../parser.ts";
import type { DiffMode } from "../../ops/diff_config.ts";
import { AppError } from "../../core/errors.ts";
import { action, type CliEnv } from "../context.ts";

interface Opts {
  file?: string;
  artifactId?: string;
  draft?: boolean;
  deployed?: boolean;
}

function modeOf(o: Opts): DiffMode {
  const modes: DiffMode[] = [];
  if (o.file) modes.push("file");
  if (o.artifactId) modes.push("artifact");
  if (o.draft) modes.push("draft");
  if (o.deployed) modes.push("deployed");
  if (modes.length > 1) {
    throw new AppError("usage", "Give at most one of --file, --artifact-id, --draft, --deployed");
  }
  return modes[0] ?? "draft";
}

const show = (v: unknown) => (v === null ? "(none)" : JSON.stringify(v));

export function register(program: Command, env: CliEnv): void {
  program.command("diff-config")
    .description(
      "Compare the latest publish with the draft (default), a local file, an artifact or the last deploy",
    )
    .argument("<client>", "client id")
    .argument("[profile]", "profile name", "default")
    .option("--file <path>", "a local client config file")
    .option("--artifact-id <id>", "a stored artifact (id or unique prefix)")
    .option("--draft", "the draft (default)")
    .option("--deployed", "the artifact last deployed for this client/profile")
    .action(
      action(
        env,
        async (deps, client: string, profile: string, o: Opts) =>
          (await import("../../ops/diff_config.ts")).diffConfig(deps, {
            client,
            profile,
            mode: modeOf(o),
            file: o.file,
            artifactId: o.artifactId,
          }),
        (r, s) =>
          [
            `Status: ${r.status}`,
            r.summary,
            ...r.servers_added.map((n) => s.green(`  + ${n}`)),
            ...r.servers_removed.map((n) => s.red(`  - ${n}`)),
            ...r.servers_modified.flatMap((m) => [
              s.yellow(`  ~ ${m.name}`),
              ...m.changes.map((c) => `      ${c.path}: ${show(c.old)} -> ${show(c.new)}`),
            ]),
            `Recommendation: ${r.recommendation}`,
          ].join("\n"),
      ),
    );
}
