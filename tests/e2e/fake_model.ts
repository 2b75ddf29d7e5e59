/**
 * A scripted fake of the Anthropic Messages API on 127.0.0.1, so the real Claude Code (`claude -p`) can
 * drive our MCP server without a model: each answer of the main conversation is the next step of a
 * script (a `tool_use` block), then a final text. Claude Code's side requests (title or summary with a
 * small model, count_tokens, the HEAD probe, a non-stream call) get a plain answer and do not advance
 * the script. Everything it was sent is recorded, for the assertions and for failure messages.
 *
 * The step to answer is the number of `tool_use` blocks already in the conversation Claude Code sends
 * back, so a retried request gets the same answer again (no server-side counter to drift).
 *
 * @example
 * const model = startFakeModel({
 *   steps: [{ tool: "list_clients", arguments: {} }, (r) => ({ tool: "get_config", arguments: { artifact_id: r.at(-1)!.json.x } })],
 *   finalText: "done",
 * });
 * // ANTHROPIC_BASE_URL=model.url claude -p ...
 * await model.close();
 */

/** One tool call the fake model makes; `tool` is the MCP tool name (matched to `mcp__<server>__<tool>`). */
export interface ToolCall {
  tool: string;
  arguments: Record<string, unknown>;
}

/** What Claude Code relayed back for one call: the tool_result's text, is_error and the text parsed. */
export interface ToolResult {
  step: number;
  tool: string;
  input: Record<string, unknown>;
  /** The text of every content block, joined by newlines. */
  text: string;
  /** The text of each content block (a resource link comes as its own block). */
  blocks: string[];
  isError: boolean;
  /** The first block that parses as JSON, parsed; undefined when none does. */
  json: any;
}

/** A fixed call, or one computed from the results so far (to use ids from earlier results). */
export type Step = ToolCall | ((results: ToolResult[]) => ToolCall);

export interface RecordedRequest {
  method: string;
  path: string;
  /** "main" (the conversation with our tools), "side" (anything else), or "other" (not /v1/messages). */
  kind: "main" | "side" | "other";
  model?: string;
  stream?: boolean;
  /** The step answered (main requests only). */
  step?: number;
  /** A short excerpt of the body. */
  excerpt: string;
}

export interface FakeModel {
  /** http://127.0.0.1:PORT, for ANTHROPIC_BASE_URL. */
  url: string;
  /** Every tool result Claude Code sent back, in step order (one per step, deduplicated on retries). */
  results: ToolResult[];
  /** The tools of the last main request (name, description, input_schema), as Claude Code sent them. */
  tools: { name: string; description?: string; input_schema?: any }[];
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Errors of the fake itself (a step that threw, a tool Claude Code did not offer). */
  errors: string[];
  /** A readable account of the requests, results and errors, for failure messages. */
  describe(): string;
  close(): Promise<void>;
}

const encoder = new TextEncoder();

function sse(events: Record<string, unknown>[]): string {
  return events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");
}

/** The text of each block of a tool_result's content (a string, or a list of blocks). */
function toolResultBlocks(content: unknown): string[] {
  if (typeof content === "string") return [content];
  if (Array.isArray(content)) {
    return content.map((b: any) => (b?.type === "text" ? String(b.text) : JSON.stringify(b)));
  }
  return content === undefined ? [] : [JSON.stringify(content)];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Starts the fake on 127.0.0.1 (a free port) with `steps`, then `finalText`. */
export function startFakeModel(script: { steps: Step[]; finalText: string }): FakeModel {
  const results = new Map<string, ToolResult>();
  const issued = new Map<string, { step: number; tool: string; input: Record<string, unknown> }>();
  const requests: RecordedRequest[] = [];
  const errors: string[] = [];
  let tools: FakeModel["tools"] = [];
  let msgCount = 0;

  const ordered = () => [...results.values()].sort((a, b) => a.step - b.step);

  /** The content blocks of the answer to a main request at `step`. */
  function answer(step: number): { blocks: any[]; stop: "tool_use" | "end_turn" } {
    if (step >= script.steps.length) {
      return { blocks: [{ type: "text", text: script.finalText }], stop: "end_turn" };
    }
    let call: ToolCall;
    try {
      const s = script.steps[step];
      call = typeof s === "function" ? s(ordered()) : s;
    } catch (e) {
      const msg = `step ${step} threw: ${e instanceof Error ? e.message : String(e)}`;
      errors.push(msg);
      return { blocks: [{ type: "text", text: `FAKE MODEL ERROR: ${msg}` }], stop: "end_turn" };
    }
    const name = tools.find((t) => t.name === call.tool || t.name.endsWith(`__${call.tool}`))?.name;
    if (!name) {
      const msg = `step ${step}: Claude Code offered no tool named *__${call.tool}`;
      errors.push(msg);
      return { blocks: [{ type: "text", text: `FAKE MODEL ERROR: ${msg}` }], stop: "end_turn" };
    }
    const id = `toolu_fake_${String(step).padStart(3, "0")}`;
    issued.set(id, { step, tool: call.tool, input: call.arguments });
    return { blocks: [{ type: "tool_use", id, name, input: call.arguments }], stop: "tool_use" };
  }

  function message(model: string, blocks: any[], stop: string) {
    return {
      id: `msg_fake_${++msgCount}`,
      type: "message",
      role: "assistant",
      model,
      content: blocks,
      stop_reason: stop,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 10 },
    };
  }

  function stream(model: string, blocks: any[], stop: string): Response {
    const events: Record<string, unknown>[] = [{
      type: "message_start",
      message: { ...message(model, [], stop), stop_reason: null },
    }];
    blocks.forEach((b, index) => {
      if (b.type === "tool_use") {
        events.push(
          { type: "content_block_start", index, content_block: { ...b, input: {} } },
          {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: JSON.stringify(b.input) },
          },
        );
      } else {
        events.push(
          { type: "content_block_start", index, content_block: { type: "text", text: "" } },
          { type: "content_block_delta", index, delta: { type: "text_delta", text: b.text } },
        );
      }
      events.push({ type: "content_block_stop", index });
    });
    events.push(
      {
        type: "message_delta",
        delta: { stop_reason: stop, stop_sequence: null },
        usage: { output_tokens: 10 },
      },
      { type: "message_stop" },
    );
    return new Response(encoder.encode(sse(events)), {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const text = req.method === "POST" ? await req.text() : "";
    const body: any = parseJson(text) ?? {};
    const excerpt = text.slice(0, 200);
    if (req.method !== "POST" || !path.startsWith("/v1/messages")) {
      requests.push({ method: req.method, path, kind: "other", excerpt });
      return Response.json({});
    }
    if (path.endsWith("/count_tokens")) {
      requests.push({ method: req.method, path, kind: "side", model: body.model, excerpt });
      return Response.json({ input_tokens: 100 });
    }
    const model = String(body.model ?? "claude-fake");
    const offered: any[] = Array.isArray(body.tools) ? body.tools : [];
    const main = offered.some((t) => typeof t?.name === "string" && t.name.startsWith("mcp__"));
    if (!main) {
      // A side request (a title, a summary, a quota probe): a short text, the script untouched.
      requests.push({ method: req.method, path, kind: "side", model, stream: !!body.stream, excerpt });
      const blocks = [{ type: "text", text: "MCP workflow" }];
      return body.stream
        ? stream(model, blocks, "end_turn")
        : Response.json(message(model, blocks, "end_turn"));
    }
    tools = offered;
    const messages: any[] = Array.isArray(body.messages) ? body.messages : [];
    for (const m of messages) {
      if (m.role !== "user" || !Array.isArray(m.content)) continue;
      for (const b of m.content) {
        if (b?.type !== "tool_result" || results.has(b.tool_use_id)) continue;
        const call = issued.get(b.tool_use_id);
        if (!call) continue;
        const blocks = toolResultBlocks(b.content);
        results.set(b.tool_use_id, {
          ...call,
          text: blocks.join("\n"),
          blocks,
          isError: b.is_error === true,
          json: blocks.map(parseJson).find((j) => j !== undefined),
        });
      }
    }
    const step = messages.flatMap((m) =>
      m.role === "assistant" && Array.isArray(m.content) ? m.content : []
    ).filter((b: any) =>
      b?.type === "tool_use"
    ).length;
    requests.push({ method: req.method, path, kind: "main", model, stream: !!body.stream, step, excerpt });
    const { blocks, stop } = answer(step);
    return body.stream ? stream(model, blocks, stop) : Response.json(message(model, blocks, stop));
  });

  const addr = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    get results() {
      return ordered();
    },
    get tools() {
      return tools;
    },
    requests,
    errors,
    describe() {
      const lines = [
        `fake model: ${requests.length} requests, ${results.size} tool results, errors: ${
          errors.join("; ") || "none"
        }`,
        ...requests.map((r) =>
          `  ${r.method} ${r.path} ${r.kind}${r.step === undefined ? "" : ` step=${r.step}`}${
            r.model ? ` model=${r.model}` : ""
          }${r.stream ? " stream" : ""}`
        ),
        ...ordered().map((r) =>
          `  result ${r.step} ${r.tool}${r.isError ? " (is_error)" : ""}: ${r.text.slice(0, 300)}`
        ),
      ];
      return lines.join("\n");
    },
    close: () => server.shutdown(),
  };
}

/**
 * An HTTP(S) proxy that connects nowhere: it records the first line of each request (`CONNECT host:443`)
 * and hangs up. Set as HTTPS_PROXY/HTTP_PROXY (with NO_PROXY=127.0.0.1) it shows, fast and offline,
 * every attempt a client makes to reach anything but 127.0.0.1.
 */
export function startProxyTrap(): { url: string; seen: string[]; close(): void } {
  const seen: string[] = [];
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  (async () => {
    for await (const conn of listener) {
      const buf = new Uint8Array(1024);
      conn.read(buf).then((n) => {
        if (n) seen.push(new TextDecoder().decode(buf.subarray(0, n)).split("\r\n")[0]);
      }, () => {}).finally(() => {
        try {
          conn.close();
        } catch { /* already closed */ }
      });
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    seen,
    close: () => listener.close(),
  };
}
