/**
 * The one way a tool is registered: input and output schemas, annotations, and a run function that calls
 * an op. Success returns the op's JSON as `structuredContent` and as text; failure returns `isError: true`
 * with the `{error, message, details}` document the CLI prints (as text: the SDK client validates any
 * `structuredContent` against the output schema, even on errors).
 *
 * @example
 * ```ts
 * import type { McpServer } from "./mcp_server.ts";
 * import { z } from "zod";
 * import { defineTool } from "./tool.ts";
 * import { clientId } from "./schemas.ts";
 * import { listProfiles } from "../ops/list_profiles.ts";
 * import type { Deps } from "../platform/deps.ts";
 * export function registerListProfiles(server: McpServer, deps: Deps) {
 *   defineTool(server, {
 *     name: "list_profiles", title: "List profiles", description: "...", kind: "read",
 *     input: { client_id: clientId }, output: z.object({ profiles: z.array(z.any()) }).passthrough(),
 *     run: (a) => listProfiles(deps, { client: a.client_id }),
 *   });
 * }
 * ```
 */
import type { McpServer } from "./mcp_server.ts";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { toErrorDocument } from "../core/errors.ts";
import { ready } from "../core/lazy.ts";
import { registered } from "./registered.ts";

import type { ToolKind } from "../ops/spec.ts";

export type { ToolKind };

/** A tool definition over a zod input shape. */
export interface ToolSpec<S extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  /** Same inputs give the same state (reads always are). */
  idempotent?: boolean;
  input: S;
  /** The result's shape (objects should be `.passthrough()` so extra fields from the op survive). */
  output: z.AnyZodObject;
  /** The tool reaches outside this program (starts processes, connects to servers). */
  openWorld?: boolean;
  /** Checks and adjusts a call's raw arguments before the schema does (unknown keys, client ids);
   * throws the error the call answers with. */
  prepare?: (args: unknown) => unknown;
  /** An earlier name still answered (tool_calls.ts maps it), not listed. */
  alias?: string;
  run(args: z.objectOutputType<S, z.ZodTypeAny>, extra: ToolExtra): Promise<unknown>;
}

/** What the server passes a tool call besides its arguments (progress token, notifications, the request's
 * cancellation). */
export interface ToolExtra {
  _meta?: { progressToken?: string | number };
  sendNotification?: (n: { method: string; params: Record<string, unknown> }) => Promise<void>;
  /** Aborted when the client cancels the request (notifications/cancelled) or the connection closes. */
  signal?: AbortSignal;
}

/** The annotations of a tool kind. */
export function annotationsFor(
  kind: ToolKind,
  title: string,
  idempotent?: boolean,
  openWorld = false,
): ToolAnnotations {
  return {
    title,
    readOnlyHint: kind === "read",
    destructiveHint: kind === "destructive",
    idempotentHint: kind === "read" ? true : idempotent === true,
    openWorldHint: openWorld,
  };
}

/** A successful result: the JSON as structured content and as text. */
export function okResult(value: unknown): CallToolResult {
  // One serialisation: the text is compact JSON, and the structured content is that text parsed back
  // (plain data, `undefined` fields dropped), so the two can never disagree.
  const text = JSON.stringify(value ?? {});
  return { content: [{ type: "text", text }], structuredContent: JSON.parse(text) };
}

/** A failure: the error document as text, `isError: true`. */
export function errorResult(e: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(toErrorDocument(e), null, 2) }], isError: true };
}

/** What the server adds around every call: content items after the JSON text (resource links), and an
 * observer of each call's outcome (diagnostics). */
export interface ToolHooks {
  extraContent?(tool: string, value: unknown): CallToolResult["content"];
  done?(tool: string, ms: number, error?: string): void;
}

/** Registers the tool on `server` and records it for `capabilities://server`. */
export function defineTool<S extends z.ZodRawShape>(
  server: McpServer,
  spec: ToolSpec<S>,
  hooks: ToolHooks = {},
): void {
  const annotations = annotationsFor(spec.kind, spec.title, spec.idempotent, spec.openWorld);
  server.registerTool(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      outputSchema: spec.output,
      annotations,
    },
    async (args, extra) => {
      const t0 = performance.now();
      try {
        const value = await ready(await spec.run(args as z.objectOutputType<S, z.ZodTypeAny>, extra));
        const r = okResult(value);
        const more = hooks.extraContent?.(spec.name, r.structuredContent) ?? [];
        if (more.length) r.content.push(...more);
        hooks.done?.(spec.name, performance.now() - t0);
        return r;
      } catch (e) {
        const r = errorResult(e);
        hooks.done?.(spec.name, performance.now() - t0, toErrorDocument(e).error);
        return r;
      }
    },
  );
  if (spec.prepare) registered(server).prepare.set(spec.name, spec.prepare);
  if (spec.alias) registered(server).aliases.set(spec.alias, spec.name);
  registered(server).tools.push({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    annotations,
  });
}
