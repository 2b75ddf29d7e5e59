/**
 * Edges of the server's own protocol layer (src/mcp/mcp_server.ts) an outside review of it found: each
 * was answered differently from the SDK's server, or could hang a session or echo an argument.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { McpServer } from "../../src/mcp/mcp_server.ts";
import { formValidator } from "../../src/mcp/form_validator.ts";
import { createServer } from "../../src/mcp/server.ts";
import { serveStdio } from "../../src/mcp/serve.ts";
import { tempHome } from "../helpers/home.ts";

/** A transport whose sent messages are collected and whose incoming ones are pushed by hand. */
function fakeTransport() {
  const sent: any[] = [];
  const t: any = {
    sent,
    start: () => Promise.resolve(),
    send: (m: any) => (sent.push(m), Promise.resolve()),
    close: () => (t.onclose?.(), Promise.resolve()),
  };
  return t;
}
const tick = () => new Promise((r) => setTimeout(r, 20));
const init = (caps: Record<string, unknown>) => ({
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: caps, clientInfo: { name: "c", version: "1" } },
});

Deno.test("an elicitation answer with content: null is the action alone (as the SDK read it)", async () => {
  const s = new McpServer({ name: "t", version: "1" }, { capabilities: {}, formValidator });
  const t = fakeTransport();
  await s.connect(t);
  t.onmessage(init({ elicitation: {} }));
  await tick();
  const p = s.elicitInput({ message: "m", requestedSchema: { type: "object", properties: {} } });
  await tick();
  const req = t.sent.find((m: any) => m.method === "elicitation/create");
  t.onmessage({ jsonrpc: "2.0", id: req.id, result: { action: "decline", content: null } });
  assertEquals(await p, { action: "decline" });
});

Deno.test("elicitation: only an object declares it; `true` or 1 is no form support", async () => {
  for (
    const [caps, form] of [
      [{ elicitation: {} }, true],
      [{ elicitation: { form: {} } }, true],
      [{
        elicitation: true,
      }, false],
      [{ elicitation: 1 }, false],
      [{ elicitation: { url: {} } }, false],
    ] as const
  ) {
    const s = new McpServer({ name: "t", version: "1" }, { capabilities: {} });
    const t = fakeTransport();
    await s.connect(t);
    t.onmessage(init(caps));
    await tick();
    const e = await s.elicitInput({ message: "m", requestedSchema: { type: "object" } }, { timeout: 50 })
      .then(() => null, (e) => e.message);
    assertEquals(e === "Client does not support form elicitation.", !form, JSON.stringify(caps));
  }
});

Deno.test("an answer whose id is the string form of ours settles our request", async () => {
  const s = new McpServer({ name: "t", version: "1" }, { capabilities: {} });
  const t = fakeTransport();
  await s.connect(t);
  t.onmessage(init({ roots: {} }));
  await tick();
  const p = s.listRoots({ timeout: 2000 });
  await tick();
  const req = t.sent.find((m: any) => m.method === "roots/list");
  t.onmessage({ jsonrpc: "2.0", id: String(req.id), result: { roots: [] } });
  assertEquals(await p, { roots: [] });
});

Deno.test("completion/complete: an argument named like an Object.prototype member completes nothing", async () => {
  const h = await tempHome();
  const s = createServer(h.deps());
  const t = fakeTransport();
  await s.connect(t);
  let id = 0;
  const names = ["constructor", "toString", "hasOwnProperty", "__lookupGetter__", "__proto__"];
  for (const name of names) {
    for (
      const ref of [{ type: "ref/prompt", name: "migrate_config" }, {
        type: "ref/resource",
        uri: "server://{server_id}",
      }]
    ) {
      t.onmessage({
        jsonrpc: "2.0",
        id: ++id,
        method: "completion/complete",
        params: { ref, argument: { name, value: "" } },
      });
    }
  }
  await tick();
  await s.close();
  await h.cleanup();
  assertEquals(t.sent.length, names.length * 2);
  for (const m of t.sent) {
    assertEquals(m.result, { completion: { values: [], hasMore: false } }, JSON.stringify(m));
  }
});

Deno.test("a cancelled outbound request rejects with an Error, whatever the reason given", async () => {
  const s = new McpServer({ name: "t", version: "1" }, { capabilities: {} });
  const t = fakeTransport();
  await s.connect(t);
  t.onmessage(init({ roots: {} }));
  await tick();
  const c = new AbortController();
  const p = s.listRoots({ signal: c.signal });
  c.abort("user");
  const e = await p.then(() => null, (e) => e);
  assert.ok(e instanceof Error, `rejected with ${JSON.stringify(e)}`);
  assert.match(e.message, /cancelled: user/);
  assert.ok(t.sent.some((m: any) => m.method === "notifications/cancelled"), "the client is told");
});

const line = (m: unknown) => JSON.stringify(m) + "\n";

/** A stdio session fed line by line; resolves with every message written once it ends. */
function stdioSession(h: Awaited<ReturnType<typeof tempHome>>) {
  const enc = new TextEncoder();
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const readable = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
  const out: string[] = [];
  const done = serveStdio(h.deps(), () => {}, {
    readable,
    write: (b) => (out.push(new TextDecoder().decode(b)), Promise.resolve()),
  });
  const msgs = () => out.join("").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  return { send: (m: unknown) => feed.enqueue(enc.encode(line(m))), end: () => feed.close(), done, msgs };
}

const INIT_ELICIT = init({ elicitation: {} });
/** A call that waits on a form: the filesystem server's allowed_directory is asked for. */
const ADD_FILESYSTEM = {
  jsonrpc: "2.0",
  id: 7,
  method: "tools/call",
  params: {
    name: "add_server_to_config",
    arguments: { client_id: "claude-desktop", server_id: "filesystem" },
  },
};

Deno.test("a broken answer to the server's request is not answered (its id is the client's too) and fails that request", async () => {
  const h = await tempHome();
  try {
    const s = stdioSession(h);
    s.send({ ...INIT_ELICIT, id: 0 });
    s.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    // The client's request 0 waits on the server's own request 0 (the form for allowed_directory).
    s.send(ADD_FILESYSTEM);
    let ask: any;
    for (let i = 0; i < 100 && !ask; i++) {
      await tick();
      ask = s.msgs().find((m) => m.method === "elicitation/create");
    }
    assert.ok(ask, "the server asked");
    s.send({ jsonrpc: "2.0", id: ask.id, result: null });
    for (let i = 0; i < 100 && !s.msgs().some((m) => m.id === 7); i++) await tick();
    s.end();
    await s.done;
    const msgs = s.msgs();
    assertEquals(msgs.filter((m) => m.error?.code === -32600), [], "the broken answer is not answered");
    const call = msgs.find((m) => m.id === 7);
    assertEquals(call.result.structuredContent.elicitation.action, "failed");
  } finally {
    await h.cleanup();
  }
});

Deno.test("end of input while the server waits on the client's form ends the session at once", async () => {
  const h = await tempHome();
  try {
    const s = stdioSession(h);
    s.send(INIT_ELICIT);
    s.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    s.send(ADD_FILESYSTEM);
    for (let i = 0; i < 100 && !s.msgs().some((m) => m.method === "elicitation/create"); i++) await tick();
    s.end();
    const hung = new Promise<string>((r) => setTimeout(() => r("hung"), 5000));
    assertEquals(await Promise.race([s.done.then(() => "ended"), hung]), "ended");
    const call = s.msgs().find((m) => m.id === 7);
    assertEquals(call.result.structuredContent.elicitation.action, "failed", "the call is answered");
  } finally {
    await h.cleanup();
  }
});

Deno.test("a malformed %-escape in a resource URI is -32602; an enum refusal does not echo the value", async () => {
  const h = await tempHome();
  try {
    const s = stdioSession(h);
    s.send(init({}));
    s.send({ jsonrpc: "2.0", id: 2, method: "resources/read", params: { uri: "config://%E0%A4%A/x/draft" } });
    s.send({ jsonrpc: "2.0", id: 3, method: "resources/read", params: { uri: "server://%ZZ" } });
    s.send({
      jsonrpc: "2.0",
      id: 4,
      method: "tools/call",
      params: { name: "deploy_config", arguments: { client_id: "cursor", scope: "SECRETVALUE1" } },
    });
    s.end();
    await s.done;
    const by = new Map(s.msgs().map((m) => [m.id, m]));
    assertEquals(by.get(2).error.code, -32602, JSON.stringify(by.get(2)));
    assertEquals(by.get(3).error.code, -32602, JSON.stringify(by.get(3)));
    const text = JSON.stringify(by.get(4));
    assert.ok(by.get(4).result.isError);
    assert.match(text, /Invalid enum value\. Expected .*user.*project.* at scope/);
    assert.ok(!text.includes("SECRETVALUE1"), text);
  } finally {
    await h.cleanup();
  }
});
