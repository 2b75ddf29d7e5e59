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
// The SDK's McpServer without its Ajv import (src/vendor/mcp-sdk, scripts/vendor_mcp_server.ts); the
// SDK's own types.
// @ts-types="@modelcontextprotocol/sdk/server/mcp.js"
import { McpServer } from "mcp-sdk-server";
import {
  ErrorCode,
  InitializeRequestSchema,
  McpError,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { ready } from "../core/lazy.ts";
import type { Deps } from "../platform/deps.ts";
import { errorDocumentForSdk, invalidParamsForSdk, leanToolsList, strictToolCalls } from "./sdk_errors.ts";
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
    jsonSchemaValidator: formValidator,
  });
  errorDocumentForSdk(server);
  const diagnostics = new Diagnostics(server, options.log);
  const notifier = new StateNotifier(server, deps, diagnostics, options.watchFs);
  // Over MCP, a project folder must lie inside the folders the client shared (when it shares any).
  const d: Deps = { ...deps, projectRoots: clientRoots(server) };
  let protocolVersion: string | undefined;
  const hooks: ToolHooks = {
    extraContent: (tool, value) => linksSupported(protocolVersion) ? linksFor(tool, value) : [],
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
  leanToolsList(server);
  // The tool and prompt sets never change while serving: no list_changed is promised for them (the SDK
  // advertises it on registration; the resource set does change, and state_watch.ts says when).
  const caps = server.server.getCapabilities();
  delete caps.tools?.listChanged;
  delete caps.prompts?.listChanged;

  const sdk = server.server as unknown as {
    _oninitialize(r: unknown): Promise<{ protocolVersion: string }>;
  };
  server.server.setRequestHandler(InitializeRequestSchema, async (request: unknown) => {
    const r = await sdk._oninitialize(request);
    protocolVersion = r.protocolVersion;
    return r as never;
  });
  server.server.setRequestHandler(SubscribeRequestSchema, async (request: { params: { uri: string } }) => {
    const problem = subscribeProblem(request.params.uri);
    if (problem) throw new McpError(ErrorCode.InvalidParams, problem);
    await notifier.subscribe(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request: { params: { uri: string } }) => {
    notifier.unsubscribe(request.params.uri);
    return {};
  });
  diagnostics.install();
  const initialized = server.server.oninitialized;
  server.server.oninitialized = () => {
    initialized?.();
    notifier.start().catch((e) => diagnostics.send("warning", `Cannot watch the state folder: ${e.message}`));
  };
  server.server.onclose = () => notifier.stop();
  server.server.onerror = (e: Error) => diagnostics.send("warning", e.message);
  invalidParamsForSdk(server);
  return server;
}
