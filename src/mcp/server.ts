/**
 * The MCP server factory: one McpServer named "mcp-orchestration" with every tool, resource and prompt
 * registered over the same ops the CLI calls (one engine, two doors), and what it uses of the client:
 * completions, resource subscriptions and list changes (state_watch.ts), diagnostics through the
 * `logging` capability (diagnostics.ts), resource links in results (links.ts), elicitation (elicit.ts)
 * and roots (roots.ts).
 *
 * @example
 * ```ts
 * import { createServer } from "./server.ts";
 * import { LineTransport } from "./stdio_transport.ts";
 * import type { Deps } from "../platform/deps.ts";
 * export async function serveOn(deps: Deps, transport: LineTransport) {
 *   await createServer(deps).connect(transport);
 * }
 * ```
 */
import { McpServer } from "./mcp_server.ts";
import { INVALID_PARAMS, RpcError } from "./jsonrpc.ts";
import { ready } from "../core/lazy.ts";
import type { Deps } from "../platform/deps.ts";
import { errorDocumentForTools, strictToolCalls } from "./tool_calls.ts";
import { clientRoots } from "./roots.ts";
import { TOOLS } from "./tools/mod.ts";
import { RESOURCES } from "./resources/mod.ts";
import { PROMPTS } from "./prompts/mod.ts";
import { ADVERTISED_CAPABILITIES, INSTRUCTIONS, SERVER_INFO } from "./server_info.ts";
import { defineTool, type ToolHooks } from "./tool.ts";
import { toolOf } from "./zod_spec.ts";
import { Diagnostics } from "./diagnostics.ts";
import { StateNotifier, subscribeProblem, type WatchFs } from "./state_watch.ts";
import { linksFor, linksSupported } from "./links.ts";
import { askProjectDir, completeAddServer } from "./elicit.ts";
import { formValidator } from "./form_validator.ts";

export { SERVER_INFO };

/** What `serve` gives the server besides its deps. */
export interface ServerOptions {
  /** Where warnings also go as lines (stderr in `serve`). */
  log?: (line: string) => void;
  /** The file system watcher (Deno.watchFs). */
  watchFs?: WatchFs;
}

/** Builds a server with every tool, resource and prompt registered; connect it to a transport. */
export function createServer(deps: Deps, options: ServerOptions = {}): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: structuredClone(ADVERTISED_CAPABILITIES),
    instructions: INSTRUCTIONS,
    formValidator,
  });
  errorDocumentForTools(server);
  const diagnostics = new Diagnostics(server, options.log);
  const notifier = new StateNotifier(server, deps, diagnostics, options.watchFs);
  // Over MCP, a project folder must lie inside the folders the client shared (when it shares any).
  const d: Deps = { ...deps, projectRoots: clientRoots(server) };
  const hooks: ToolHooks = {
    extraContent: (tool, value) => linksSupported(server.protocolVersion) ? linksFor(tool, value) : [],
    done: (tool, ms, error) =>
      error === undefined
        ? diagnostics.send("debug", `${tool} answered in ${ms.toFixed(1)} ms`, { tool, ms })
        : diagnostics.send("info", `${tool} failed with ${error} in ${ms.toFixed(1)} ms`, {
          tool,
          ms,
          error,
        }),
  };
  for (const op of TOOLS) {
    const tool = toolOf(op, d);
    const run = tool.run;
    if (tool.name === "add_server_to_config") {
      tool.run = async (args, extra) =>
        completeAddServer(server, d, diagnostics, await ready(await run(args, extra)) as never, extra);
    } else if ("project_dir" in tool.input && "scope" in tool.input) {
      tool.run = async (args, extra) =>
        run(await askProjectDir(server, d.projectRoots!, diagnostics, args, extra) as never, extra);
    }
    defineTool(server, tool, hooks);
  }
  for (const register of RESOURCES) register(server, d);
  for (const register of PROMPTS) register(server, d);
  strictToolCalls(server);
  server.setRequestHandler("resources/subscribe", async (params) => {
    const uri = params.uri as string;
    const problem = subscribeProblem(uri);
    if (problem) throw new RpcError(INVALID_PARAMS, problem);
    await notifier.subscribe(uri);
    return {};
  });
  server.setRequestHandler("resources/unsubscribe", (params) => {
    notifier.unsubscribe(params.uri as string);
    return {};
  });
  diagnostics.install();
  const initialized = server.oninitialized;
  server.oninitialized = () => {
    initialized?.();
    notifier.start().catch((e) => diagnostics.send("warning", `Cannot watch the state folder: ${e.message}`));
  };
  server.onclose = () => notifier.stop();
  server.onerror = (e: Error) => diagnostics.send("warning", e.message);
  return server;
}
