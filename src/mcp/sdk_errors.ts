/**
 * Failures the SDK detects itself (unknown tool, arguments that do not match the input schema) become
 * the same `{error, message, details}` document as op failures, with code `invalid_input`; a request
 * whose params do not match the method's schema is a JSON-RPC -32602 (Invalid params).
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

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/** JSON-RPC 2.0 "Invalid params" (the SDK answers a request it cannot parse with -32603, Internal error). */
export const INVALID_PARAMS = -32602;

/** `e` as an Invalid params error when it is a schema validation failure (zod's `issues`), else null. */
export function invalidParams(e: unknown): (Error & { code: number }) | null {
  const issues = (e as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const parts = issues.slice(0, 5).map((i: { path?: unknown[]; message?: string }) => {
    const where = Array.isArray(i.path) && i.path.length ? i.path.join(".") : "params";
    return `${where}: ${String(i.message ?? "invalid").replace(/^Invalid input: /, "")}`;
  });
  return Object.assign(new Error(`Invalid params: ${parts.join("; ")}`), { code: INVALID_PARAMS });
}

/** Every request whose params do not match its method's schema (`tools/call` without `name`,
 * `resources/read` without `uri`, ...) is answered with -32602 and a short message naming each field,
 * instead of the SDK's -32603 carrying the validation dump. Call after everything is registered. */
export function invalidParamsForSdk(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map)) return;
  for (const [method, handler] of handlers as Map<string, RequestHandler>) {
    handlers.set(
      method,
      (request: unknown, extra: unknown) =>
        Promise.resolve().then(() => handler(request, extra)).catch((e) => {
          throw invalidParams(e) ?? e;
        }),
    );
  }
}
