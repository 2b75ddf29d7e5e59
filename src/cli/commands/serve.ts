/** serve: the MCP stdio server. The SDK is imported only here, at run time, so other commands start fast. */
import { absent, defineSpec } from "../../ops/spec.ts";
import type { GlobalOptions } from "../context.ts";
import type { ActionOf } from "../from_spec.ts";
import { printError } from "../output.ts";

export const spec = defineSpec({
  cli: {
    command: "serve",
    description: "Run the MCP server on stdin/stdout (what AI clients launch); logs go to stderr",
    examples: [
      ["", "what an AI client starts: MCP over stdin/stdout, with the default state folder"],
      ["--home /srv/mcp-state", "the same over another state folder"],
    ],
  },
  mcp: absent("it is the MCP server"),
  input: {},
});

export const action: ActionOf<typeof spec> = async (_input, { env, cmd }) => {
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
};
