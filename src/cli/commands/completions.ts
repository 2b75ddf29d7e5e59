/** completions: shell completion scripts generated from the registered commands (src/cli/completions.ts). */
import { ALL_CLIENTS } from "../../clients/registry.ts";
import { completionScript, type Shell, SHELLS } from "../completions.ts";
import type { CliEnv } from "../context.ts";
import { Argument, type Command } from "../parser.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("completions")
    .description("Print shell completions: source <(mcp-orchestration completions bash), or zsh, or fish")
    .addArgument(new Argument("<shell>", "the shell").choices([...SHELLS]))
    .action((shell: Shell) => {
      env.io.out(completionScript(shell, program, ALL_CLIENTS.map((c) => c.id)));
      env.exitCode = 0;
    });
}
