import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { fields } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("connect")
    .description("Add mcp-orchestration itself (serve) to a client's config; deploys never remove it")
    .argument("<client>", "client id")
    .option("--name <name>", "server name in the client's file", "mcp-orchestration")
    .option("--scope <scope>", "user or project", "user")
    .option("--project-dir <dir>", "project folder for --scope project")
    .option("--config-path <file>", "write this file instead of the client's default")
    .option("--force", "replace an existing entry of that name we did not write")
    .action(
      action(
        env,
        async (deps, client: string, o: Record<string, any>) =>
          (await import("../../ops/connect.ts")).connect(deps, { ...o, client }),
        (r) =>
          (r.status === "connected" ? "Connected\n" : "Already connected\n") + fields([
            ["client", r.client_id],
            ["config path", r.config_path],
            ["server", r.server_name],
            ["command", [r.command, ...r.args].join(" ")],
          ]) + `\nNext: ${r.restart_hint}`,
      ),
    );
}
