/** serve: the MCP stdio server. The SDK is imported only here, at run time, so other commands start fast. */
import type { Command } from "../parser.ts";
import type { CliEnv, GlobalOptions } from "../context.ts";
import { printError } from "../output.ts";

export function register(program: Command, env: CliEnv): void {
  program.command("serve")
    .description("Run the MCP server on stdin/stdout (what AI clients launch); logs go to stderr")
    .action(async (_o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      try {
        const deps = await env.makeDeps(g.home);
        const { serveStdio } = await import("../../mcp/serve.ts");
        await serveStdio(deps, env.io.err);
        env.exitCode = 0;
      } catch (e) {
        // Text on stderr only: stdout belongs to MCP.
        env.exitCode = printError({ out: env.io.err, err: env.io.err }, "text", e);
      }
    });
}
