import { Argument, type Command } from "../parser.ts";
import { action, type CliEnv } from "../context.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("registry")
    .description(
      "Manage your own catalogue entries: `registry import FILE` copies a server.json or an official registry API response into <home>/registry",
    )
    .addArgument(new Argument("<action>", "what to do").choices(["import"]))
    .argument("<file>", 'server.json file, or a registry API response ({"servers":[{"server":{...}}]})')
    .action(
      action(
        env,
        async (deps, _action: string, file: string) =>
          (await import("../../ops/registry_import.ts")).registryImport(deps, { file }),
        (r) =>
          `Imported ${r.count} server${r.count === 1 ? "" : "s"} from ${r.file}\n` +
          r.imported.map((s) =>
            `  ${s.id} (${s.name})${s.overrides ? ` overrides the ${s.overrides} entry` : ""}`
          ).join("\n"),
      ),
    );
}
