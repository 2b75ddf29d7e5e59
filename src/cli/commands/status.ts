import type { Command } from "commander";
import { status } from "../../ops/status.ts";
import { action, type CliEnv } from "../context.ts";
import { table } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("status")
    .description("Latest publish vs last deploy vs the file on disk, per client target")
    .option("--client <id>", "only this client")
    .option("--profile <name>", "only this profile")
    .action(action(env, (deps, o: { client?: string; profile?: string }) => status(deps, o), (r) =>
      r.targets.length === 0 ? "Nothing published or deployed yet" : table([
        ["CLIENT", "PROFILE", "STATE", "LATEST", "DEPLOYED", "FILE"],
        ...r.targets.map((t) => [
          t.client_id,
          t.profile_id,
          t.state + (t.drifted_servers.length ? ` (${t.drifted_servers.map((d) => `${d.server} ${d.change}`).join(", ")})` : ""),
          t.latest_artifact_id?.slice(0, 12) ?? "-",
          t.deployed_artifact_id?.slice(0, 12) ?? "-",
          t.config_path ?? "-",
        ]),
      ], "")));
}
