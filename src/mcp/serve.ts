/**
 * `mcp-orchestration serve`: the MCP server on stdin/stdout until stdin ends. stdout carries MCP messages
 * only; every log line goes to `log` (stderr).
 */
import type { Deps } from "../platform/deps.ts";
import { createServer } from "./server.ts";
import { LineTransport, type StdioStreams } from "./stdio_transport.ts";

/** Serves until the input ends and every request received has been answered. */
export async function serveStdio(
  deps: Deps,
  log: (line: string) => void,
  streams?: StdioStreams,
): Promise<void> {
  const server = createServer(deps, { log });
  const closed = new Promise<void>((resolve) => {
    const stop = server.onclose;
    server.onclose = () => {
      stop?.();
      resolve();
    };
  });
  await server.connect(new LineTransport(streams));
  log(`mcp-orchestration: serving MCP on stdio (state folder ${deps.home})\n`);
  await closed;
}
