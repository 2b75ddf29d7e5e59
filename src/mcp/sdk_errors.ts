/**
 * Failures the SDK detects itself (unknown tool, arguments that do not match the input schema) become
 * the same `{error, message, details}` document as op failures, with code `invalid_input`.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "../core/errors.ts";
import { errorResult } from "./tool.ts";

/** Replaces the SDK's plain-text tool error with our error document (the SDK calls `createToolError`). */
export function errorDocumentForSdk(server: McpServer): void {
  const s = server as unknown as { createToolError?: (message: string) => CallToolResult };
  if (typeof s.createToolError !== "function") return;
  s.createToolError = (raw: string) => {
    const message = raw.replace(/^MCP error -?\d+: /, "");
    const unknown = message.match(/^Tool (\S+) not found/);
    return errorResult(
      unknown
        ? new AppError("invalid_input", `Unknown tool "${unknown[1]}"`, { tool: unknown[1] })
        : new AppError("invalid_input", message, {}),
    );
  };
}
