import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("check-install")
    .description("Check whether the runtime a server needs (npx, uvx, docker) is on PATH (read-only)")
    .argument("<id>", "catalogue id")
    .action(
      action(
        env,
        async (deps, id: string) =>
          (await import("../../ops/check_install.ts")).checkServerInstallation(deps, { id }),
        (r) =>
          `${r.id}: ${r.installed ? "ready" : "not ready"}. ${r.hint}\n` + table([
            ["TRANSPORT", "KIND", "RUNTIME", "FOUND", "TARGET"],
            ...r.options.map((
              o,
            ) => [
              o.transport,
              o.kind,
              o.runtime ?? "-",
              o.runtime ? (o.runtime_path ?? "no") : "-",
              o.target,
            ]),
          ]),
      ),
    );
}
