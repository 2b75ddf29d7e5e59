/**
 * How a client starts this program's MCP server (what `connect` writes): the compiled binary with
 * `serve`, or, run from source, deno with the binary's permission flags and `main.ts serve`.
 *
 * @example
 * // selfCommand() -> { command: "/usr/local/bin/mcp-orchestration", args: ["serve"] }
 */
import { basename } from "./path.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";

const MAIN = new URL("../../main.ts", import.meta.url);

/** The command, arguments and extra environment of this program's MCP server. */
export function selfCommand(): { command: string; args: string[]; env?: Record<string, string> } {
  const exe = Deno.execPath();
  if (/^deno(\.exe)?$/i.test(basename(exe))) {
    return {
      command: exe,
      args: [
        "run",
        "--quiet",
        ...RUN_FLAGS,
        MAIN.protocol === "file:" ? decodeURIComponent(MAIN.pathname) : MAIN.href,
        "serve",
      ],
      // `deno run` otherwise asks dl.deno.land for a newer Deno each time a client starts the server
      // (tests/e2e/real_claude_drives_test.ts traps it); the compiled binary never does.
      env: { DENO_NO_UPDATE_CHECK: "1" },
    };
  }
  return { command: exe, args: ["serve"] };
}
