import type { Command } from "commander";
import { clearDraft } from "../../ops/clear_draft.ts";
import { action, type CliEnv } from "../context.ts";
import { draftLine } from "../kv.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("clear-draft")
    .description("Delete a draft (published artifacts and stored secrets stay)")
    .option("--client <id>", "client id", "claude-desktop")
    .option("--profile <name>", "profile name", "default")
    .action(action(env, (deps, o: { client: string; profile: string }) => clearDraft(deps, o), (r) =>
      `Cleared ${r.removed.length} server${r.removed.length === 1 ? "" : "s"}\n${draftLine(r)}`));
}
