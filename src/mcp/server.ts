/**
 * The MCP server factory: one McpServer named "mcp-orchestration" with every tool, resource and prompt
 * registered over the same ops the CLI calls (one engine, two doors).
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
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Deps } from "../platform/deps.ts";
import { errorDocumentForSdk, invalidParamsForSdk, leanToolsList, strictToolCalls } from "./sdk_errors.ts";
import { clientRoots } from "./roots.ts";
import { TOOLS } from "./tools/mod.ts";
import { RESOURCES } from "./resources/mod.ts";
import { PROMPTS } from "./prompts/mod.ts";

import { INSTRUCTIONS, SERVER_INFO } from "./server_info.ts";
import { defineTool } from "./tool.ts";
import { toolOf } from "./zod_spec.ts";

export { SERVER_INFO };

/** Builds a server with every tool, resource and prompt registered; connect it to a transport. */
export function createServer(deps: Deps): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: { tools: {}, resources: {}, prompts: {} },
    instructions: INSTRUCTIONS,
  });
  errorDocumentForSdk(server);
  // Over MCP, a project folder must lie inside the folders the client shared (when it shares any).
  const d: Deps = { ...deps, projectRoots: clientRoots(server) };
  for (const op of TOOLS) defineTool(server, toolOf(op, d));
  for (const register of RESOURCES) register(server, d);
  for (const register of PROMPTS) register(server, d);
  strictToolCalls(server);
  leanToolsList(server);
  invalidParamsForSdk(server);
  return server;
}
