/**
 * The command-line program: global options, one file per command (commands/), usage errors as
 * `usage` documents (exit 2), help for every command.
 */
import { Command, CommanderError } from "commander";
import { AppError } from "../core/errors.ts";
import type { CliEnv } from "./context.ts";
import { printError } from "./output.ts";
import { COMMANDS } from "./commands/mod.ts";

export const PROGRAM = "mcp-orchestration";

export { argvForInvocation, withDefaultCommand } from "./argv.ts";

function formatFrom(args: string[]): "text" | "json" {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--format" && args[i + 1] === "json") return "json";
    if (args[i] === "--format=json") return "json";
  }
  return "text";
}

export function buildProgram(env: CliEnv): Command {
  const program = new Command(PROGRAM)
    .description("Manage the MCP server configurations of AI clients: draft, validate, sign, deploy, roll back")
    .version(env.version, "-V, --version", "print the version")
    .option("--home <dir>", "state folder (default: $MCP_ORCHESTRATION_HOME, then ~/.mcp-orchestration)")
    .option("--format <format>", "output format: text or json", "text")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of COMMANDS) register(program, env);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(args: string[], env: CliEnv): Promise<number> {
  const format = formatFrom(args);
  const captured: string[] = [];
  const program = buildProgram(env);
  const route = (p: Command) =>
    p.configureOutput({
      writeOut: (s) => env.io.out(s),
      writeErr: (s) => captured.push(s),
      outputError: (s) => captured.push(s),
    });
  route(program);
  program.commands.forEach(route);
  try {
    await program.parseAsync(args, { from: "user" });
    return env.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        return 0;
      }
      if (e.code === "commander.executeSubCommandAsync") return 0;
      const message = e.message.replace(/^error: /, "");
      const usage = new AppError("usage", message.charAt(0).toUpperCase() + message.slice(1), {
        hint: "run with --help for usage",
      });
      return printError(env.io, format, usage);
    }
    return printError(env.io, format, e);
  }
}
