import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("list-clients")
    .description("Every supported client: config path on this machine, installed or not, profiles, support")
    .option("--client <id>", "only this client")
    .action(
      action(
        env,
        async (deps, o: { client?: string }) =>
          (await import("../../ops/list_clients.ts")).listClients(deps, o),
        (r) =>
          table([
            ["CLIENT", "NAME", "INSTALLED", "REMOTE", "SECRETS", "PROFILES", "CONFIG", "LOGS"],
            ...r.clients.map((c) => [
              c.client_id,
              c.display_name + (c.deprecated ? " (deprecated)" : ""),
              c.installed ? "yes" : "no",
              c.remote_servers,
              c.secret_references,
              c.profiles.join(",") || "-",
              c.config_path ?? "-",
              c.log_folder ? `${c.log_folder}${c.log_verified ? "" : " (not verified)"}` : "-",
            ]),
          ], ""),
      ),
    );
}
