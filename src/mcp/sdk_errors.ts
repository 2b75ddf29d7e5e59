/**
 * Failures the SDK detects itself (arguments that do not match the input schema) become the same
 * `{error, message, details}` document as op failures, with code `invalid_input`; a request whose params do
 * not match the method's schema, or that names no tool we have, is a JSON-RPC -32602 (Invalid params).
 * `tools/call` is checked before the SDK parses it (strictToolCalls) and `tools/list` is trimmed
 * (leanToolsList).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "../core/errors.ts";
import { closestNames, didYouMean } from "../core/suggest.ts";
import { errorResult } from "./tool.ts";
import { registered } from "./registered.ts";

/** Replaces the SDK's plain-text tool error with our error document (the SDK calls `createToolError`). */
export function errorDocumentForSdk(server: McpServer): void {
  const s = server as unknown as { createToolError?: (message: string) => CallToolResult };
  if (typeof s.createToolError !== "function") return;
  s.createToolError = (raw: string) => {
    // An unknown tool never gets here: strictToolCalls answers it with -32602.
    const message = raw.replace(/^MCP error -?\d+: /, "");
    return errorResult(new AppError("invalid_input", message, {}));
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

/**
 * `tools/call` before the SDK sees it: an unknown tool is a JSON-RPC -32602 naming the tools (a protocol
 * error, not a tool result); an alias is the tool it stands for; the tool's `prepare` checks the raw
 * arguments (unknown keys, client ids), which the SDK's schema parse would otherwise drop silently, and a
 * refusal is the tool's error result. Call after every tool is registered.
 */
export function strictToolCalls(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map)) return;
  const handler = (handlers as Map<string, RequestHandler>).get("tools/call");
  if (!handler) return;
  const reg = registered(server);
  (handlers as Map<string, RequestHandler>).set("tools/call", (request: unknown, extra: unknown) => {
    const req = request as { params?: { name?: unknown; arguments?: unknown } };
    const name = req?.params?.name;
    if (typeof name !== "string") return handler(request, extra);
    const tool = reg.aliases.get(name) ?? name;
    if (!reg.tools.some((t) => t.name === tool)) {
      const known = reg.tools.map((t) => t.name);
      const suggestions = closestNames(name, known);
      const hint = didYouMean(suggestions);
      return Promise.reject(
        Object.assign(
          new Error(`Unknown tool ${JSON.stringify(name)}${hint ? ` (${hint})` : ""}; see tools/list`),
          { code: INVALID_PARAMS, data: { tool: name, suggestions } },
        ),
      );
    }
    let args = req.params!.arguments;
    try {
      args = reg.prepare.get(tool)?.(args ?? {}) ?? args;
    } catch (e) {
      return Promise.resolve(errorResult(e));
    }
    return handler({ ...req, params: { ...req.params, name: tool, arguments: args } }, extra);
  });
}

/** A JSON schema without what only repeats a default: `$schema` (draft-07 says nothing the schema needs:
 * it uses type, properties, required, enum, const, items, anyOf and local `$ref`s, the same in every
 * dialect) and `additionalProperties: true` (what JSON Schema assumes). */
function leanSchema(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(leanSchema);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "$schema" || (k === "additionalProperties" && x === true)) continue;
    out[k] = leanSchema(x);
  }
  return out;
}

/**
 * `tools/list` without bytes that say nothing (BENCHMARKS.md, "tools/list size"): the schemas' `$schema`
 * and `additionalProperties: true`, `execution: {taskSupport: "forbidden"}` (the default when absent) and
 * an annotations `title` equal to the tool's own `title`. Call after every tool is registered.
 */
export function leanToolsList(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map)) return;
  const handler = (handlers as Map<string, RequestHandler>).get("tools/list");
  if (!handler) return;
  (handlers as Map<string, RequestHandler>).set("tools/list", async (request: unknown, extra: unknown) => {
    const r = await handler(request, extra) as { tools?: Record<string, unknown>[] };
    if (!Array.isArray(r?.tools)) return r;
    return {
      ...r,
      tools: r.tools.map((t) => {
        const out: Record<string, unknown> = { ...t };
        out.inputSchema = leanSchema(t.inputSchema);
        if (t.outputSchema !== undefined) out.outputSchema = leanSchema(t.outputSchema);
        const exec = t.execution as { taskSupport?: string } | undefined;
        if (exec && Object.keys(exec).length === 1 && exec.taskSupport === "forbidden") delete out.execution;
        const a = t.annotations as Record<string, unknown> | undefined;
        if (a && a.title === t.title) {
          const { title: _, ...rest } = a;
          out.annotations = rest;
        }
        return out;
      }),
    };
  });
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
