/** The stdio line transport: bad lines are answered with JSON-RPC errors; at end of input, requests
 * already received are answered before the server stops. */
import { assert, assertEquals } from "../core/assert.ts";
import { serveStdio } from "../../src/mcp/serve.ts";
import { parseLine } from "../../src/mcp/stdio_transport.ts";
import { tempHome } from "../helpers/home.ts";

Deno.test("parseLine: -32700 for non-JSON, -32600 for JSON that is not JSON-RPC (id null unless readable)", () => {
  assertEquals(parseLine("{oops"), {
    id: null,
    error: { code: -32700, message: (parseLine("{oops") as any).error.message },
  });
  assertEquals((parseLine('{"hello":1}') as any).id, null);
  assertEquals((parseLine('{"hello":1}') as any).error.code, -32600);
  assertEquals((parseLine('{"jsonrpc":"2.0","id":"a","method":3}') as any).id, "a");
  assert.ok("message" in parseLine('{"jsonrpc":"2.0","method":"ping","id":1}'));
});

Deno.test("serveStdio answers every request received before end of input, each line JSON-RPC", async () => {
  const h = await tempHome();
  try {
    const lines = [
      {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      "not json at all",
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "initialize_keys", arguments: {} } },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "tools/call",
        params: { name: "get_config", arguments: { client_id: 7 } },
      },
      { jsonrpc: "2.0", id: 4, method: "no/such/method" },
      { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "list_profiles", arguments: {} } },
    ].map((l) => (typeof l === "string" ? l : JSON.stringify(l)) + "\n").join("");
    const out: string[] = [];
    const logs: string[] = [];
    await serveStdio(h.deps(), (l) => logs.push(l), {
      readable: ReadableStream.from([new TextEncoder().encode(lines)]),
      write: (b) => (out.push(new TextDecoder().decode(b)), Promise.resolve()),
    });
    const msgs = out.join("").trimEnd().split("\n").map((l) => JSON.parse(l));
    for (const m of msgs) assertEquals(m.jsonrpc, "2.0");
    const byId = new Map(msgs.filter((m) => m.id !== undefined && m.id !== null).map((m) => [m.id, m]));
    assertEquals([...byId.keys()].sort(), [1, 2, 3, 4, 5]);
    assertEquals(byId.get(2).result.structuredContent.status, "created");
    assertEquals(byId.get(3).result.isError, true);
    assertEquals(byId.get(4).error.code, -32601);
    assertEquals(byId.get(5).result.structuredContent.profiles, []);
    // JSON-RPC 2.0: a parse error is answered with `id: null` (this asserted a missing id before).
    assertEquals(msgs.filter((m) => m.id === null && m.error?.code === -32700).length, 1);
    assert.ok(logs.some((l) => l.includes("Parse error")), "bad input is logged to the log stream (stderr)");
  } finally {
    await h.cleanup();
  }
});

Deno.test("a cancelled request gets no answer, and end of input then ends the session (nothing waits for it)", async () => {
  const { McpServer } = await import("../../src/mcp/mcp_server.ts");
  const { LineTransport } = await import("../../src/mcp/stdio_transport.ts");
  const server = new McpServer({ name: "t", version: "1" }, { capabilities: { tools: {} } });
  let aborted = false;
  server.registerTool(
    "wait",
    { inputSchema: {} },
    (_args, extra) =>
      new Promise((resolve) =>
        extra.signal.addEventListener("abort", () => {
          aborted = true;
          resolve({ content: [{ type: "text", text: "late" }] });
        })
      ),
  );
  const enc = new TextEncoder();
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const readable = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
  const out: string[] = [];
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(
    new LineTransport({ readable, write: (b) => (out.push(new TextDecoder().decode(b)), Promise.resolve()) }),
  );
  const send = (m: unknown) => feed.enqueue(enc.encode(JSON.stringify(m) + "\n"));
  send({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "wait", arguments: {} } });
  send({ jsonrpc: "2.0", id: 2, method: "ping" });
  await new Promise((r) => setTimeout(r, 20));
  send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1, reason: "user" } });
  feed.close();
  const timeout = new Promise<string>((r) => setTimeout(() => r("hung"), 3000));
  assertEquals(await Promise.race([closed.then(() => "closed"), timeout]), "closed");
  assert.ok(aborted, "the handler's signal was aborted");
  const msgs = out.join("").trimEnd().split("\n").map((l) => JSON.parse(l));
  assertEquals(msgs.map((m) => m.id), [2], "only the ping is answered");
});
