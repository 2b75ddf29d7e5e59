/**
 * The command-line program: global options, one file per command (commands/), usage errors as
 * `usage` documents (exit 2), help for every command. Only the modules of the command that runs load.
 */
import { Command, makeOption, ParseError } from "./parser.ts";
import { AppError } from "../core/errors.ts";
import { type CliEnv, stylesFor } from "./context.ts";
import { printError } from "./output.ts";
import { COMMANDS } from "./commands/mod.ts";
import { register } from "./from_spec.ts";

export const PROGRAM = "mcp-orchestration";

export { argvForInvocation, withDefaultCommand } from "./argv.ts";

function formatFrom(args: string[]): "text" | "json" {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--format" && args[i + 1] === "json") return "json";
    if (args[i] === "--format=json") return "json";
  }
  return "text";
}

/** The command named in `args` (skipping global options and their values), if it is a known one whose
 * module alone is enough; undefined when help, completions or an error message may need them all. */
export function commandIn(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--home" || a === "--format") i++;
    else if (a === "--") return undefined;
    else if (!a.startsWith("-")) {
      return COMMANDS.some(([n]) => n === a) && !NEEDS_ALL.includes(a) ? a : undefined;
    }
  }
  return undefined;
}

/** Commands that read the whole command tree. */
const NEEDS_ALL = ["completions"];

/** The program with every command (`only` given: with those commands alone, so only their modules load). */
export async function buildProgram(env: CliEnv, only?: string | string[]): Promise<Command> {
  const program = new Command(PROGRAM)
    .description(
      "Manage the MCP server configurations of AI clients: draft, validate, sign, deploy, roll back",
    )
    .version(env.version, "-V, --version", "print the version")
    .addOption({
      ...makeOption(
        "--home <dir>",
        "state folder (default: $MCP_ORCHESTRATION_HOME, then ~/.mcp-orchestration)",
      ),
      complete: "dir",
    })
    .addOption({
      ...makeOption("--format <format>", "output format: text or json", "text"),
      complete: { words: ["text", "json"] },
    })
    .showHelpAfterError("run with --help for usage")
    .configureOutput({ writeOut: (s) => env.io.out(s) });
  const wanted = only === undefined ? COMMANDS : COMMANDS.filter(([n]) => [only].flat().includes(n));
  for (const m of await Promise.all(wanted.map(([, load]) => load()))) register(program, m, env);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(args: string[], env: CliEnv): Promise<number> {
  const format = formatFrom(args);
  const style = stylesFor(env, format).err;
  const only = commandIn(args);
  // `--version` alone needs no command; anything else without a known command may need them all.
  const versionOnly = !only && args.some((a) => a === "-V" || a === "--version") &&
    !args.some((a) => a === "-h" || a === "--help");
  try {
    const program = await buildProgram(env, versionOnly ? [] : only);
    await program.parseAsync(args, { from: "user" });
    return env.exitCode;
  } catch (e) {
    if (e instanceof ParseError) {
      if (e.code !== "usage") return 0;
      return printError(
        env.io,
        format,
        new AppError("usage", e.message, e.hint ? { hint: e.hint } : {}),
        style,
      );
    }
    return printError(env.io, format, e, style);
  }
}
