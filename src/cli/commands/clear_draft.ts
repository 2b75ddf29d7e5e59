import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { draftLine, draftTarget } from "../kv.ts";

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("clear-draft")
      .description("Delete a draft (published artifacts and stored secrets stay)"),
  )
    .action(
      action(
        env,
        async (deps, o: { client: string; profile: string }) =>
          (await import("../../ops/clear_draft.ts")).clearDraft(deps, o),
        (r) => `Cleared ${r.removed.length} server${r.removed.length === 1 ? "" : "s"}\n${draftLine(r)}`,
      ),
    );
}
