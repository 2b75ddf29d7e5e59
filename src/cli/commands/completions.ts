/** completions: shell completion scripts generated from the registered commands (src/cli/completions.ts). */
import { absent, defineSpec } from "../../ops/spec.ts";
import { ALL_CLIENTS } from "../../clients/registry.ts";
import { completionScript, SHELLS } from "../completions.ts";
import type { ActionOf } from "../from_spec.ts";

export const spec = defineSpec({
  cli: {
    command: "completions",
    description: "Print shell completions: source <(mcp-orchestration completions bash), or zsh, or fish",
    examples: [
      ["bash", "the bash script; load it with: source <(mcp-orchestration completions bash)"],
      ["fish", "the fish script; load it with: mcp-orchestration completions fish | source"],
    ],
  },
  mcp: absent("shell completion is for the command line"),
  input: {
    shell: { kind: "text", choices: SHELLS, cli: { flag: "<shell>", description: "the shell" } },
  },
});

export const action: ActionOf<typeof spec> = ({ shell }, { env, program }) => {
  env.io.out(completionScript(shell, program, ALL_CLIENTS.map((c) => c.id)));
  env.exitCode = 0;
};
