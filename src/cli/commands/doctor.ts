import { type Command, makeOption } from "../parser.ts";
import { action, type CliEnv, collect, stylesFor } from "../context.ts";
import { AppError } from "../../core/errors.ts";
import { doctorExitCode, reportText, serverLine } from "../../doctor/report.ts";

interface Opts {
  client?: string[];
  server?: string[];
  configPath?: string;
  scope?: "user" | "project";
  projectDir?: string;
  draft?: boolean;
  profile?: string;
  artifactId?: string;
  timeout?: string;
  pin?: boolean;
}

function seconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(Number(v) > 0)) {
    throw new AppError("usage", `--timeout takes a number of seconds, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

export function register(program: Command, env: CliEnv): void {
  const cmd = program.command("doctor")
    .description("Start every configured MCP server as its client would and check that it speaks MCP")
    .examples([
      ["", "check every server of every client with a config file"],
      ["--client cursor --server github", "check one server of cursor's file"],
      ["--client claude-code --draft", "check the draft's servers before publishing"],
    ])
    // Completion values as the spec-declared commands give them (a bash script keys values by option name).
    .addOption({
      ...makeOption(
        "--client <id>",
        "only this client (repeatable; default: every client with a config file)",
        collect,
      ),
      complete: "client",
    })
    .option("--server <name>", "only the server of this name (repeatable)", collect)
    .addOption({
      ...makeOption("--config-path <file>", "check this file (with one --client)"),
      complete: "file",
    })
    .addOption({
      ...makeOption("--scope <scope>", "user (default) or project: which of the client's files"),
      complete: { words: ["user", "project"] },
    })
    .addOption({
      ...makeOption("--project-dir <dir>", "project folder: its project files, and where servers start"),
      complete: "dir",
    })
    .option("--draft", "check the draft (what a publish and deploy would write) instead of the file")
    .option("--profile <name>", "profile of the draft", "default")
    .option("--artifact-id <id>", "check this artifact as it would be deployed to the client")
    .option("--timeout <seconds>", "for the whole run (default 30)")
    .option(
      "--pin",
      "record what each answering server offers as its signed pin (approve it, or accept a change)",
    );
  cmd.action(
    action(
      env,
      async (deps, o: Opts) => {
        const [{ doctor }, { realRuntime }] = await Promise.all([
          import("../../ops/doctor.ts"),
          import("../../platform/doctor_runtime.ts"),
        ]);
        // Each result as it arrives, on stderr, when stderr is a terminal (never with --format json).
        const progress = env.progress === true && cmd.optsWithGlobals().format !== "json";
        const style = stylesFor(env, "text").err;
        return await doctor(
          deps,
          {
            clients: o.client,
            servers: o.server,
            configPath: o.configPath,
            scope: o.scope,
            projectDir: o.projectDir,
            draft: o.draft,
            profile: o.profile,
            artifactId: o.artifactId,
            timeout: seconds(o.timeout),
            pin: o.pin,
            record: true,
          },
          realRuntime(deps.env),
          (r, done, total) => {
            if (progress) env.io.err(`[${done}/${total}] ${serverLine(r, style)}\n`);
          },
        );
      },
      reportText,
      doctorExitCode,
    ),
  );
}
