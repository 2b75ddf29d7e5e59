import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("install-server")
    .description("Print the exact command that pre-installs a server (never runs it)")
    .argument("<id>", "catalogue id")
    .option("--transport <t>", "stdio, http or sse")
    .action(
      action(
        env,
        async (deps, id: string, o: { transport?: string }) =>
          (await import("../../ops/check_install.ts")).installServer(deps, { id, transport: o.transport }),
        (r) =>
          r.command
            ? `${r.command}\n  ${r.note}${
              r.runtime_found ? "" : `\n  warning: the package manager for ${r.runtime} is not on PATH`
            }`
            : r.note,
      ),
    );
}
