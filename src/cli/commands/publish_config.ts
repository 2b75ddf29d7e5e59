import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";
import type { PublishResult } from "../../ops/publish_draft.ts";
import type { Issue } from "../../core/validation.ts";
import type { Extracted } from "../../core/secret_extract.ts";
import { extractedLines } from "../kv.ts";

export function publishText(r: PublishResult): string {
  return (r.status === "unchanged"
    ? "Unchanged: this payload is already the latest publish\n"
    : "Published\n") +
    fields([
      ["artifact id", r.artifact_id],
      ["client", r.client_id],
      ["profile", r.profile_id],
      ["version", r.version],
      ["servers", r.server_count],
      ["changelog", r.changelog || "(none)"],
      ["created at", r.created_at],
    ]);
}

export function register(program: Command, env: CliEnv): void {
  program.command("publish-config")
    .description(
      "Sign and store the draft (or --file) as a content-addressed artifact; the draft is validated first",
    )
    .requiredOption("--client <id>", "client id")
    .option("--profile <name>", "profile name", "default")
    .option("--file <path>", "JSON file with an mcpServers object (neutral form) instead of the draft")
    .option("--changelog <text>", "what changed in this version")
    .option("--from-client <id>", "read --file in this client's shape (default: recognised from the file)")
    .action(
      action(
        env,
        async (
          deps,
          o: { client: string; profile: string; file?: string; changelog?: string; fromClient?: string },
        ) =>
          o.file
            ? (await import("../../ops/publish_file.ts")).publishFromFile(deps, o)
            : (await import("../../ops/publish_draft.ts")).publishDraft(deps, o),
        (r: PublishResult & { warnings?: Issue[]; extracted?: Extracted[] }) =>
          publishText(r) + (r.extracted?.length ? `\n${extractedLines(r.extracted)}` : "") +
          (r.warnings ?? []).map((w) => `\n  warning ${w.code}: ${w.message}`).join(""),
      ),
    );
}
