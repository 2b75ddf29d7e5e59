/**
 * How a tool call is refused: an unknown tool is a JSON-RPC -32602 naming the tools (a protocol error,
 * not a tool result); an alias is the tool it stands for; the tool's `prepare` checks the raw arguments
 * (unknown keys, client ids) before the schema would drop them, and a refusal is the tool's error result;
 * arguments or results that do not fit the tool's schemas are the `{error, message, details}` document
 * with code `invalid_input`, like an op's failure.
 */
import { AppError } from "../core/errors.ts";
import { closestNames, didYouMean } from "../core/suggest.ts";
import { errorResult } from "./tool.ts";
import { registered } from "./registered.ts";
import type { McpServer } from "./mcp_server.ts";
import { INVALID_PARAMS, RpcError } from "./jsonrpc.ts";

/** A schema refusal of a call is our error document (`invalid_input`), not plain text. */
export function errorDocumentForTools(server: McpServer): void {
  server.toolError = (message) => errorResult(new AppError("invalid_input", message, {}));
}

/** `tools/call` checked before the schema sees it (see the module's comment). Call after every tool is
 * registered. */
export function strictToolCalls(server: McpServer): void {
  const handler = server.getRequestHandler("tools/call")!;
  const reg = registered(server);
  server.setRequestHandler("tools/call", (params, extra) => {
    const name = params.name as string;
    const tool = reg.aliases.get(name) ?? name;
    if (!reg.tools.some((t) => t.name === tool)) {
      const known = reg.tools.map((t) => t.name);
      const suggestions = closestNames(name, known);
      const hint = didYouMean(suggestions);
      throw new RpcError(
        INVALID_PARAMS,
        `Unknown tool ${JSON.stringify(name)}${hint ? ` (${hint})` : ""}; see tools/list`,
        { tool: name, suggestions },
      );
    }
    let args = params.arguments;
    try {
      args = reg.prepare.get(tool)?.(args ?? {}) ?? args;
    } catch (e) {
      return errorResult(e);
    }
    return handler({ ...params, name: tool, arguments: args }, extra);
  });
}
