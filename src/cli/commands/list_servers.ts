import type { Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("list-servers")
    .description("List the servers of the catalogue (built-in plus <home>/registry)")
    .option("--search <text>", "words matched in id, name, description and tags")
    .option("--transport <t>", "stdio, http or sse")
    .option("--tag <tag>", "only servers with this tag")
    .action(
      action(
        env,
        async (deps, o: { search?: string; transport?: string; tag?: string }) =>
          (await import("../../ops/list_servers.ts")).listServers(deps, o),
        (r) =>
          (r.count === 0 ? "No servers match" : `${r.count} server${r.count === 1 ? "" : "s"}:\n` + table([
            ["ID", "TRANSPORTS", "DESCRIPTION"],
            ...r.servers.map((
              s,
            ) => [s.id + (s.deprecated ? " (deprecated)" : ""), s.transports.join(","), s.description]),
          ])) + r.warnings.map((w) => `\nwarning: ${w}`).join(""),
      ),
    );
}
