import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { draftLine, draftTarget } from "../kv.ts";

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("view-draft")
      .description("Show the servers of a draft (secrets as references)"),
  )
    .action(
      action(
        env,
        async (deps, o: { client: string; profile: string }) =>
          (await import("../../ops/view_draft.ts")).viewDraft(deps, o),
        (r) =>
          [
            draftLine(r),
            ...r.entries.map((s) => {
              const src = "registry" in s.source ? `registry:${s.source.registry}` : "custom";
              const refs = s.secret_refs.map((x) => `${x.name}=${x.stored ? "***" : "(missing)"}`).join(", ");
              return `\n${s.name} (${src})${refs ? `\n  secrets: ${refs}` : ""}\n` +
                JSON.stringify(s.entry, null, 2).split("\n").map((l) => "  " + l).join("\n");
            }),
          ].join("\n"),
      ),
    );
}
