import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { draftLine, draftTarget } from "../kv.ts";

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("remove-server")
      .description("Remove a server from a draft")
      .argument("<name>", "server name in the draft"),
  )
    .action(
      action(
        env,
        async (deps, name: string, o: { client: string; profile: string }) =>
          (await import("../../ops/remove_server.ts")).removeServer(deps, { name, ...o }),
        (r) => `Removed ${r.server}\n${draftLine(r)}`,
      ),
    );
}
