import type { Command } from "../parser.ts";
import { action, type CliEnv, collect } from "../context.ts";
import { draftLine, draftTarget, extractedLines, parseKv, parseParams, warningLines } from "../kv.ts";

interface Opts {
  client: string;
  profile: string;
  param?: string[];
  env?: string[];
  name?: string;
  replace?: boolean;
  transport?: string;
  command?: string;
  arg?: string[];
  url?: string;
  header?: string[];
}

export function register(program: Command, env: CliEnv): void {
  draftTarget(
    program.command("add-server")
      .description("Add a catalogue server (ID) or a custom one (NAME with --command or --url) to a draft")
      .argument("<id>", "catalogue id, or the name of a custom server"),
  )
    .option("--param <k=v>", "parameter value (repeat; a repeated name gives a list)", collect)
    .option("--env <K=V>", "environment variable (repeat); secret values go to secrets.json", collect)
    .option("--name <name>", "name in the configuration (default: the id)")
    .option("--replace", "replace a server of the same name")
    .option("--transport <t>", "stdio, http or sse")
    .option("--command <cmd>", "custom local server: the program to start")
    .option("--arg <a>", "custom local server: one argument (repeat)", collect)
    .option("--url <url>", "custom remote server: its URL")
    .option(
      "--header <K:V>",
      "custom remote server: one header (repeat); auth values go to secrets.json",
      collect,
    )
    .action(
      action(
        env,
        async (deps, id: string, o: Opts) =>
          (await import("../../ops/add_server.ts")).addServer(deps, {
            id,
            client: o.client,
            profile: o.profile,
            params: parseParams(o.param),
            env: parseKv(o.env, "=", "--env"),
            name: o.name,
            replace: o.replace,
            transport: o.transport,
            command: o.command,
            args: o.arg,
            url: o.url,
            headers: parseKv(o.header, ":", "--header"),
          }),
        (r) =>
          [
            `${r.action === "added" ? "Added" : "Replaced"} ${r.server}`,
            draftLine(r),
            r.secrets_stored.length
              ? `  secrets stored in secrets.json: ${r.secrets_stored.join(", ")} (values ***)`
              : "",
            extractedLines(r.extracted),
            warningLines(r.warnings),
          ].filter(Boolean).join("\n"),
      ),
    );
}
