/**
 * The MCP server protocol without the SDK's zod protocol layer (docs/explanation/mcp-server.md): one
 * JSON-RPC session over a transport (requests answered, notifications handled, the server's own requests
 * to the client with timeouts and cancellation), `initialize`, and the registries of tools, resources and
 * prompts with their list, call, read, get and completion methods. The SDK's `types.js` builds ~200 zod
 * schemas at import (~17 MiB of a ~70 MiB process); here each method's params are checked by hand
 * (jsonrpc.ts) and only the tools' and prompts' own argument schemas are zod. What a client sees is what
 * the SDK's McpServer answered (tests/mcp drive it with the SDK's Client), with these differences: every
 * request whose params do not fit is -32602 naming each field, an unknown tool is -32602 (not a tool
 * result), a call's unknown keys are refused before the schema would drop them, `tools/list` carries no
 * byte that repeats a default, and a cancelled request is settled without an answer.
 *
 * @example
 * ```ts
 * import { McpServer } from "./mcp_server.ts";
 * import { z } from "zod";
 * const server = new McpServer({ name: "demo", version: "1" }, { capabilities: { tools: {} } });
 * server.registerTool("echo", {
 *   title: "Echo", description: "Says it back", inputSchema: { text: z.string() },
 *   outputSchema: z.object({ text: z.string() }), annotations: {},
 * }, (args) => Promise.resolve({ content: [], structuredContent: args }));
 * ```
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, GetPromptResult, ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { UriTemplate } from "@modelcontextprotocol/sdk/shared/uriTemplate.js";
import {
  CONNECTION_CLOSED,
  type Expect,
  type Id,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  INVALID_REQUEST,
  invalidParams,
  isId,
  kindOf,
  type Message,
  METHOD_NOT_FOUND,
  paramsIssues,
  REQUEST_TIMEOUT,
  RpcError,
} from "./jsonrpc.ts";
import { SUPPORTED_PROTOCOL_VERSIONS } from "./server_info.ts";

/** What a request handler gets besides the params. */
export interface RequestExtra {
  requestId: Id;
  /** Aborted when the client cancels the request or the connection closes. */
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  /** Sends a notification about this request (dropped once it was cancelled). */
  sendNotification(n: { method: string; params?: Record<string, unknown> }): Promise<void>;
}

type Handler = (params: Record<string, unknown>, extra: RequestExtra) => unknown;

/** What `connect` takes: the SDK's Transport shape (LineTransport, the SDK's InMemoryTransport). */
type AnyTransport = Transport & {
  settle?(id: Id): void;
  oninvalidresponse?: (id: Id) => void;
  oninputend?: () => void;
};

/** The options of one outbound request. */
export interface RequestOptions {
  /** Milliseconds before the request fails with -32001 (default 60 s, the SDK's). */
  timeout?: number;
  signal?: AbortSignal;
}

/** A flat form's validator (form_validator.ts): `getValidator(schema)(answer)`. */
export interface FormValidator {
  getValidator(schema: unknown): (input: unknown) => { valid: boolean; errorMessage?: string };
}

export interface ServerOptions {
  capabilities: Record<string, unknown>;
  instructions?: string;
  formValidator?: FormValidator;
}

/** A completion callback: the value typed so far and the arguments already chosen. */
export type CompleteCallback = (
  value: string,
  context?: { arguments?: Record<string, string> },
) => Promise<string[]> | string[];

interface ToolEntry {
  title?: string;
  description?: string;
  input: z.AnyZodObject;
  output?: z.AnyZodObject;
  annotations?: Record<string, unknown>;
  handler: (args: Record<string, unknown>, extra: RequestExtra) => Promise<CallToolResult>;
}

interface ResourceEntry {
  name: string;
  metadata: Record<string, unknown>;
  read(uri: URL, vars: Record<string, string | string[]>, extra: RequestExtra): Promise<ReadResourceResult>;
}

interface TemplateEntry extends ResourceEntry {
  template: UriTemplate;
  list?: () => Promise<{ resources: Record<string, unknown>[] }>;
  complete?: Record<string, CompleteCallback>;
}

interface PromptEntry {
  title?: string;
  description?: string;
  args: z.AnyZodObject;
  shape: z.ZodRawShape;
  complete: Record<string, CompleteCallback>;
  callback(args: Record<string, unknown>, extra: RequestExtra): GetPromptResult | Promise<GetPromptResult>;
}

/** True when the client declared form elicitation: `elicitation: {}` (before modes existed) or
 * `elicitation: {form: {...}}`; anything but an object declares nothing. */
export function formElicitation(caps: Record<string, unknown> | undefined): boolean {
  const e = caps?.elicitation;
  if (typeof e !== "object" || e === null || Array.isArray(e)) return false;
  return Object.keys(e).length === 0 || (typeof (e as { form?: unknown }).form === "object" &&
    (e as { form?: unknown }).form !== null);
}

/** The SDK's default wait for an answer to the server's own request. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** The protocol's cap on one completion's values. */
const MAX_COMPLETIONS = 100;

/** A JSON Schema without what only repeats a default: `$schema` (draft-07 says nothing the schema needs:
 * it uses type, properties, required, enum, const, items, anyOf and local `$ref`s, the same in every
 * dialect) and `additionalProperties: true` (what JSON Schema assumes). */
export function leanSchema(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(leanSchema);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "$schema" || (k === "additionalProperties" && x === true)) continue;
    out[k] = leanSchema(x);
  }
  return out;
}

/** A zod error as one message: each issue and where (the SDK's wording). */
function zodMessage(e: z.ZodError): string {
  return e.issues.map((i) => {
    // zod words an enum refusal with the value received: an argument given in the wrong place may be a
    // secret, and no message echoes an argument's value.
    const message = i.code === "invalid_enum_value"
      ? `Invalid enum value. Expected ${i.options.map((o) => JSON.stringify(o)).join(" | ")}`
      : i.message;
    if (!i.path.length) return message;
    const at = i.path.reduce<string>(
      (acc, seg, n) => n === 0 ? String(seg) : typeof seg === "number" ? `${acc}[${seg}]` : `${acc}.${seg}`,
      "",
    );
    return `${message} at ${at}`;
  }).join("\n");
}

/** Each method's params: the fields and which may be absent (as the SDK's request schemas say). */
export const PARAMS: Record<string, [Record<string, Expect>, string[]?]> = {
  "initialize": [{
    protocolVersion: "string",
    capabilities: "object",
    clientInfo: { fields: { name: "string", version: "string" } },
  }],
  "tools/call": [{ name: "string", arguments: "record" }, ["arguments"]],
  "resources/read": [{ uri: "string" }],
  "resources/subscribe": [{ uri: "string" }],
  "resources/unsubscribe": [{ uri: "string" }],
  "prompts/get": [{ name: "string", arguments: "string-record" }, ["arguments"]],
  "completion/complete": [{
    ref: { fields: { type: { oneOf: ["ref/prompt", "ref/resource"] } } },
    argument: { fields: { name: "string", value: "string" } },
    context: { fields: { arguments: "string-record" }, optional: ["arguments"] },
  }, ["context"]],
  "logging/setLevel": [{
    level: { oneOf: ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"] },
  }],
};
const LIST_METHODS = ["tools/list", "resources/list", "resources/templates/list", "prompts/list"];
for (const m of LIST_METHODS) PARAMS[m] = [{ cursor: "string" }, ["cursor"]];

/** An MCP server: registries, `initialize`, and one JSON-RPC session at a time. */
export class McpServer {
  readonly info: Record<string, unknown>;
  #capabilities: Record<string, unknown>;
  #instructions?: string;
  #formValidator?: FormValidator;
  #handlers = new Map<string, Handler>();
  #transport?: AnyTransport;
  #clientCapabilities?: Record<string, unknown>;
  #nextId = 0;
  #outbound = new Map<Id, { resolve(r: Record<string, unknown>): void; reject(e: Error): void }>();
  #inflight = new Map<Id, AbortController>();
  #tools = new Map<string, ToolEntry>();
  #toolList?: Record<string, unknown>[];
  #resources = new Map<string, ResourceEntry>();
  #templates = new Map<string, TemplateEntry>();
  #prompts = new Map<string, PromptEntry>();

  /** After the client's `notifications/initialized`. */
  oninitialized?: () => void;
  /** Once the transport closed. */
  onclose?: () => void;
  /** A problem that is no answer's (a bad line, a send that failed). */
  onerror?: (e: Error) => void;
  /** The protocol version agreed in `initialize`. */
  protocolVersion?: string;

  constructor(info: Record<string, unknown>, options: ServerOptions) {
    this.info = info;
    this.#capabilities = options.capabilities;
    this.#instructions = options.instructions;
    this.#formValidator = options.formValidator;
    this.setRequestHandler("initialize", (p) => this.#initialize(p));
    this.setRequestHandler("ping", () => ({}));
    this.setRequestHandler("tools/list", () => ({ tools: this.#listTools() }));
    this.setRequestHandler("tools/call", (p, extra) => this.#callTool(p, extra));
    this.setRequestHandler("resources/list", () => this.#listResources());
    this.setRequestHandler("resources/templates/list", () => ({
      resourceTemplates: [...this.#templates.entries()].map(([name, t]) => ({
        name,
        uriTemplate: t.template.toString(),
        ...t.metadata,
      })),
    }));
    this.setRequestHandler("resources/read", (p, extra) => this.#readResource(p.uri as string, extra));
    this.setRequestHandler("prompts/list", () => ({
      prompts: [...this.#prompts.entries()].map(([name, p]) => ({
        name,
        title: p.title,
        description: p.description,
        arguments: Object.entries(p.shape).map(([arg, f]) => ({
          name: arg,
          description: f.description,
          required: !f.isOptional(),
        })),
      })),
    }));
    this.setRequestHandler("prompts/get", (p, extra) => this.#getPrompt(p, extra));
    this.setRequestHandler("completion/complete", (p) => this.#complete(p));
    this.setRequestHandler("logging/setLevel", () => ({}));
  }

  /** The capabilities `initialize` reports. */
  getCapabilities(): Record<string, unknown> {
    return this.#capabilities;
  }

  /** What the client declared in `initialize` (undefined before). */
  getClientCapabilities(): Record<string, unknown> | undefined {
    return this.#clientCapabilities;
  }

  /** Answers `method` with `handler` (replacing any earlier one); its params are checked first. */
  setRequestHandler(method: string, handler: Handler): void {
    this.#handlers.set(method, handler);
  }

  /** The handler of `method` (to wrap it). */
  getRequestHandler(method: string): Handler | undefined {
    return this.#handlers.get(method);
  }

  #initialize(p: Record<string, unknown>) {
    this.#clientCapabilities = p.capabilities as Record<string, unknown>;
    const requested = p.protocolVersion as string;
    this.protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
      ? requested
      : SUPPORTED_PROTOCOL_VERSIONS[0];
    return {
      protocolVersion: this.protocolVersion,
      capabilities: this.getCapabilities(),
      serverInfo: this.info,
      ...(this.#instructions ? { instructions: this.#instructions } : {}),
    };
  }

  // --- the session --------------------------------------------------------------------------------

  /** Takes over `transport` and starts it. */
  async connect(transport: AnyTransport): Promise<void> {
    this.#transport = transport;
    transport.onmessage = (m: unknown) => this.#onmessage(m as Message);
    transport.onerror = (e: Error) => this.onerror?.(e);
    transport.onclose = () => this.#onclose();
    transport.oninvalidresponse = (id: Id) =>
      this.#outbound.get(this.#outboundId(id)!)?.reject(
        new RpcError(INVALID_REQUEST, "The client's answer was not a JSON-RPC response"),
      );
    // At end of input no answer can come: the server's own requests fail now, so the calls waiting on
    // them answer and the session ends (instead of waiting out their timeouts).
    transport.oninputend = () => {
      for (const o of [...this.#outbound.values()]) {
        o.reject(new RpcError(CONNECTION_CLOSED, "The input ended"));
      }
    };
    await transport.start();
  }

  /** Closes the transport. */
  async close(): Promise<void> {
    await this.#transport?.close();
  }

  #onclose(): void {
    const outbound = [...this.#outbound.values()];
    this.#outbound.clear();
    for (const c of this.#inflight.values()) c.abort(new RpcError(CONNECTION_CLOSED, "Connection closed"));
    this.#inflight.clear();
    this.#transport = undefined;
    for (const o of outbound) o.reject(new RpcError(CONNECTION_CLOSED, "Connection closed"));
    this.onclose?.();
  }

  #send(m: Record<string, unknown>): Promise<void> {
    const t = this.#transport;
    if (!t) return Promise.reject(new RpcError(CONNECTION_CLOSED, "Not connected"));
    return t.send(m as never);
  }

  #onmessage(m: Message): void {
    switch (kindOf(m)) {
      case "request":
        return this.#onrequest(m);
      case "notification":
        return this.#onnotification(m);
      case "result":
      case "error":
        return this.#onresponse(m);
      default:
        this.onerror?.(new Error(`Unknown message type: ${JSON.stringify(m).slice(0, 200)}`));
    }
  }

  #onnotification(m: Message): void {
    if (m.method === "notifications/initialized") this.oninitialized?.();
    else if (m.method === "notifications/cancelled") {
      const id = m.params?.requestId;
      if (isId(id)) this.#inflight.get(id)?.abort(m.params?.reason);
    }
  }

  /** The id of our open request an answer's id names: ours are integers, and an answer carrying one as a
   * string (`"0"`) names it too, as the SDK reads ids with `Number()`. */
  #outboundId(id: unknown): number | undefined {
    const n = typeof id === "number"
      ? id
      : typeof id === "string" && /^(0|[1-9]\d*)$/.test(id)
      ? Number(id)
      : NaN;
    return this.#outbound.has(n) ? n : undefined;
  }

  #onresponse(m: Message): void {
    const id = this.#outboundId(m.id);
    const waiting = id === undefined ? undefined : this.#outbound.get(id);
    if (!waiting) {
      this.onerror?.(new Error(`Received a response for an unknown message ID: ${JSON.stringify(m.id)}`));
      return;
    }
    this.#outbound.delete(id!);
    if (m.error) waiting.reject(new RpcError(m.error.code, m.error.message, m.error.data));
    else waiting.resolve(m.result!);
  }

  #onrequest(m: Message): void {
    const id = m.id as Id;
    const method = m.method!;
    const handler = this.#handlers.get(method);
    const transport = this.#transport;
    if (!handler) {
      this.#send({ jsonrpc: "2.0", id, error: { code: METHOD_NOT_FOUND, message: "Method not found" } })
        .catch((e) => this.onerror?.(new Error(`Failed to send an error response: ${e}`)));
      return;
    }
    const controller = new AbortController();
    this.#inflight.set(id, controller);
    const params = m.params ?? {};
    const extra: RequestExtra = {
      requestId: id,
      signal: controller.signal,
      _meta: params._meta as RequestExtra["_meta"],
      sendNotification: (n) =>
        controller.signal.aborted ? Promise.resolve() : this.notification(n.method, n.params),
    };
    Promise.resolve().then(() => {
      const spec = PARAMS[method];
      const issues = spec ? paramsIssues(m.params, spec[0], spec[1]) : [];
      if (issues.length) throw invalidParams(issues);
      return handler(params, extra);
    }).then(
      (result) => {
        if (controller.signal.aborted) return transport?.settle?.(id);
        return this.#send({ jsonrpc: "2.0", id, result });
      },
      (e) => {
        if (controller.signal.aborted) return transport?.settle?.(id);
        const error: Record<string, unknown> = {
          code: Number.isSafeInteger(e?.code) ? e.code : INTERNAL_ERROR,
          message: e?.message ?? "Internal error",
        };
        if (e?.data !== undefined) error.data = e.data;
        return this.#send({ jsonrpc: "2.0", id, error });
      },
    ).catch((e) => this.onerror?.(new Error(`Failed to send a response: ${e}`))).finally(() => {
      if (this.#inflight.get(id) === controller) this.#inflight.delete(id);
    });
  }

  /** Sends a notification (fails when not connected). */
  notification(method: string, params?: Record<string, unknown>): Promise<void> {
    return this.#send(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params });
  }

  /** Sends a request to the client; resolves with its result, rejects with its error, a timeout (-32001)
   * or the signal's reason (the client is told with `notifications/cancelled`). */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    if (!this.#transport) return Promise.reject(new RpcError(CONNECTION_CLOSED, "Not connected"));
    options.signal?.throwIfAborted();
    const id = this.#nextId++;
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.#outbound.delete(id);
      };
      const cancel = (reason: unknown) => {
        if (!this.#outbound.has(id)) return;
        done();
        this.notification("notifications/cancelled", { requestId: id, reason: String(reason) }).catch(
          () => {},
        );
        // An Error always (a client's cancel reason may be any value: "user", undefined).
        reject(
          reason instanceof Error
            ? reason
            : new RpcError(REQUEST_TIMEOUT, `Request cancelled: ${String(reason)}`),
        );
      };
      const onAbort = () => cancel(options.signal!.reason);
      const timer = setTimeout(
        () => cancel(new RpcError(REQUEST_TIMEOUT, "Request timed out", { timeout })),
        timeout,
      );
      options.signal?.addEventListener("abort", onAbort);
      this.#outbound.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      const message: Record<string, unknown> = { jsonrpc: "2.0", id, method };
      if (params !== undefined) message.params = params;
      this.#send(message).catch((e) => this.#outbound.get(id)?.reject(e));
    });
  }

  // --- what the server asks of the client ----------------------------------------------------------

  /** Asks the user to fill a form (the client declared form elicitation: `{}` or `{form}`); the answer
   * is checked against the form. */
  async elicitInput(
    params: { message: string; requestedSchema: Record<string, unknown>; mode?: "form" },
    options?: RequestOptions,
  ): Promise<{ action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> }> {
    if (!formElicitation(this.#clientCapabilities)) {
      throw new Error("Client does not support form elicitation.");
    }
    const r = await this.request("elicitation/create", { ...params, mode: "form" }, options);
    const action = r.action;
    if (action !== "accept" && action !== "decline" && action !== "cancel") {
      throw new RpcError(INVALID_PARAMS, `Invalid elicitation result: action ${JSON.stringify(action)}`);
    }
    // A null content is no content (as the SDK's ElicitResultSchema reads it); each value is a string, a
    // number, a boolean or a list of strings.
    const content = r.content === null ? undefined : r.content;
    const fieldOk = (v: unknown) =>
      typeof v === "string" || typeof v === "number" || typeof v === "boolean" ||
      (Array.isArray(v) && v.every((x) => typeof x === "string"));
    if (
      content !== undefined &&
      (typeof content !== "object" || Array.isArray(content) || !Object.values(content!).every(fieldOk))
    ) {
      throw new RpcError(
        INVALID_PARAMS,
        "Invalid elicitation result: content is not an object of form values",
      );
    }
    if (action === "accept" && content && this.#formValidator) {
      const v = this.#formValidator.getValidator(params.requestedSchema)(content);
      if (!v.valid) {
        throw new RpcError(
          INVALID_PARAMS,
          `Elicitation response content does not match requested schema: ${v.errorMessage}`,
        );
      }
    }
    return { action, ...(content ? { content: content as Record<string, unknown> } : {}) };
  }

  /** The client's roots (each a `file://` URI). */
  async listRoots(options?: RequestOptions): Promise<{ roots: { uri: string; name?: string }[] }> {
    const r = await this.request("roots/list", undefined, options);
    const roots = r.roots;
    if (
      !Array.isArray(roots) ||
      !roots.every((x) => typeof x?.uri === "string" && x.uri.startsWith("file://"))
    ) {
      throw new RpcError(INVALID_PARAMS, "Invalid roots/list result: roots must be file:// URIs");
    }
    return { roots };
  }

  /** `notifications/message` (the logging capability). */
  sendLoggingMessage(params: Record<string, unknown>): Promise<void> {
    return this.#capabilities.logging
      ? this.notification("notifications/message", params)
      : Promise.resolve();
  }

  sendResourceUpdated(params: { uri: string }): Promise<void> {
    return this.notification("notifications/resources/updated", params);
  }

  /** `notifications/resources/list_changed`, when connected. */
  sendResourceListChanged(): Promise<void> {
    return this.#transport ? this.notification("notifications/resources/list_changed") : Promise.resolve();
  }

  // --- tools ----------------------------------------------------------------------------------------

  /** Registers a tool: its zod input shape and output object, and a handler that returns a result. */
  registerTool(
    name: string,
    config: {
      title?: string;
      description?: string;
      inputSchema: z.ZodRawShape;
      outputSchema?: z.AnyZodObject;
      annotations?: Record<string, unknown>;
    },
    handler: ToolEntry["handler"],
  ): void {
    if (this.#tools.has(name)) throw new Error(`Tool ${name} is already registered`);
    this.#tools.set(name, {
      title: config.title,
      description: config.description,
      input: z.object(config.inputSchema),
      output: config.outputSchema,
      annotations: config.annotations,
      handler,
    });
    this.#toolList = undefined;
  }

  /** The registered tools' names, in order. */
  toolNames(): string[] {
    return [...this.#tools.keys()];
  }

  /** `tools/list`: the schemas in JSON Schema (built once), without bytes that repeat a default (an
   * annotations `title` equal to the tool's `title` included). */
  #listTools(): Record<string, unknown>[] {
    return this.#toolList ??= [...this.#tools.entries()].map(([name, t]) => {
      const def: Record<string, unknown> = { name, title: t.title, description: t.description };
      def.inputSchema = leanSchema(zodToJsonSchema(t.input, { strictUnions: true, pipeStrategy: "input" }));
      if (t.annotations) {
        const { title, ...rest } = t.annotations;
        def.annotations = title === t.title ? rest : t.annotations;
      }
      if (t.output) {
        def.outputSchema = leanSchema(
          zodToJsonSchema(t.output, { strictUnions: true, pipeStrategy: "output" }),
        );
      }
      return def;
    });
  }

  /** How a tool call's refusals look as a tool result (tool.ts sets it: the error document). */
  toolError: (message: string) => CallToolResult = (message) => ({
    content: [{ type: "text", text: message }],
    isError: true,
  });

  async #callTool(p: Record<string, unknown>, extra: RequestExtra): Promise<CallToolResult> {
    const name = p.name as string;
    const tool = this.#tools.get(name);
    if (!tool) throw new RpcError(INVALID_PARAMS, `Tool ${name} not found`);
    try {
      const parsed = await tool.input.safeParseAsync(p.arguments ?? {});
      if (!parsed.success) {
        return this.toolError(
          `Input validation error: Invalid arguments for tool ${name}: ${zodMessage(parsed.error)}`,
        );
      }
      const result = await tool.handler(parsed.data, extra);
      if (tool.output && !result.isError) {
        if (!result.structuredContent) {
          return this.toolError(
            `Output validation error: Tool ${name} has an output schema but no structured content was provided`,
          );
        }
        const out = await tool.output.safeParseAsync(result.structuredContent);
        if (!out.success) {
          return this.toolError(
            `Output validation error: Invalid structured content for tool ${name}: ${zodMessage(out.error)}`,
          );
        }
      }
      return result;
    } catch (e) {
      return this.toolError(e instanceof Error ? e.message : String(e));
    }
  }

  // --- resources ------------------------------------------------------------------------------------

  /** Registers a resource at a fixed URI, or under a URI template (`{var}` parts). */
  registerResource(
    name: string,
    uri: string,
    metadata: Record<string, unknown>,
    read: ResourceEntry["read"],
    template?: { list?: TemplateEntry["list"]; complete?: Record<string, CompleteCallback> },
  ): void {
    if (template) {
      if (this.#templates.has(name)) throw new Error(`Resource template ${name} is already registered`);
      this.#templates.set(name, { name, metadata, read, template: new UriTemplate(uri), ...template });
    } else {
      if (this.#resources.has(uri)) throw new Error(`Resource ${uri} is already registered`);
      this.#resources.set(uri, { name, metadata, read });
    }
  }

  /** Which variables of the template named `name` complete (for the docs). */
  templateCompletes(name: string): string[] {
    return Object.keys(this.#templates.get(name)?.complete ?? {});
  }

  async #listResources() {
    const resources: Record<string, unknown>[] = [...this.#resources.entries()].map(([uri, r]) => ({
      uri,
      name: r.name,
      ...r.metadata,
    }));
    for (const t of this.#templates.values()) {
      if (!t.list) continue;
      for (const r of (await t.list()).resources) resources.push({ ...t.metadata, ...r });
    }
    return { resources };
  }

  #readResource(raw: string, extra: RequestExtra): Promise<ReadResourceResult> {
    let uri: URL;
    try {
      uri = new URL(raw);
    } catch {
      throw invalidParams([`params.uri: not a URI: ${JSON.stringify(raw.slice(0, 200))}`]);
    }
    const fixed = this.#resources.get(uri.toString());
    if (fixed) return fixed.read(uri, {}, extra);
    for (const t of this.#templates.values()) {
      const vars = t.template.match(uri.toString());
      if (vars) return t.read(uri, vars, extra);
    }
    throw new RpcError(INVALID_PARAMS, `Resource ${uri} not found`);
  }

  // --- prompts --------------------------------------------------------------------------------------

  /** Registers a prompt over zod string arguments; `complete` gives completions of some of them. */
  registerPrompt(
    name: string,
    config: {
      title?: string;
      description?: string;
      argsSchema: z.ZodRawShape;
      complete?: Record<string, CompleteCallback>;
    },
    callback: PromptEntry["callback"],
  ): void {
    if (this.#prompts.has(name)) throw new Error(`Prompt ${name} is already registered`);
    this.#prompts.set(name, {
      title: config.title,
      description: config.description,
      shape: config.argsSchema,
      args: z.object(config.argsSchema),
      complete: config.complete ?? {},
      callback,
    });
  }

  /** Which arguments of the prompt named `name` complete (for the docs). */
  promptCompletes(name: string): string[] {
    return Object.keys(this.#prompts.get(name)?.complete ?? {});
  }

  async #getPrompt(p: Record<string, unknown>, extra: RequestExtra): Promise<GetPromptResult> {
    const name = p.name as string;
    const prompt = this.#prompts.get(name);
    if (!prompt) throw new RpcError(INVALID_PARAMS, `Prompt ${name} not found`);
    const parsed = await prompt.args.safeParseAsync(p.arguments ?? {});
    if (!parsed.success) {
      throw new RpcError(INVALID_PARAMS, `Invalid arguments for prompt ${name}: ${zodMessage(parsed.error)}`);
    }
    return await prompt.callback(parsed.data, extra);
  }

  // --- completions ----------------------------------------------------------------------------------

  async #complete(p: Record<string, unknown>) {
    const ref = p.ref as { type: string; name?: unknown; uri?: unknown };
    const argument = p.argument as { name: string; value: string };
    const context = p.context as { arguments?: Record<string, string> } | undefined;
    let completer: CompleteCallback | undefined;
    if (ref.type === "ref/prompt") {
      if (typeof ref.name !== "string") throw invalidParams(["params.ref.name: expected string"]);
      const prompt = this.#prompts.get(ref.name);
      if (!prompt) throw new RpcError(INVALID_PARAMS, `Prompt ${ref.name} not found`);
      completer = Object.hasOwn(prompt.complete, argument.name) ? prompt.complete[argument.name] : undefined;
    } else {
      if (typeof ref.uri !== "string") throw invalidParams(["params.ref.uri: expected string"]);
      const t = [...this.#templates.values()].find((t) => t.template.toString() === ref.uri);
      if (!t && !this.#resources.has(ref.uri)) {
        throw new RpcError(INVALID_PARAMS, `Resource template ${ref.uri} not found`);
      }
      completer = t?.complete && Object.hasOwn(t.complete, argument.name)
        ? t.complete[argument.name]
        : undefined;
    }
    if (!completer) return { completion: { values: [], hasMore: false } };
    const values = await completer(argument.value, context);
    if (!Array.isArray(values)) return { completion: { values: [], hasMore: false } };
    return {
      completion: {
        values: values.slice(0, MAX_COMPLETIONS),
        total: values.length,
        hasMore: values.length > MAX_COMPLETIONS,
      },
    };
  }
}
