/**
 * Remote checks: streamable HTTP (session header kept, DELETE at the end, JSON and event-stream answers),
 * the older SSE transport, 401 with WWW-Authenticate, a refused connection, TLS spoken to a plain port,
 * and the real `server-everything` in its streamable-HTTP mode.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { doctor } from "../../src/ops/doctor.ts";
import { claudeFile, FIXTURES, freePort, realServer, testRuntime } from "./helpers.ts";

interface Seen {
  method: string;
  rpc?: string;
  session: string | null;
  auth: string | null;
}

const INIT = {
  protocolVersion: "2025-06-18",
  capabilities: { tools: {} },
  serverInfo: { name: "mini", version: "2" },
};

function answer(rpc: { id?: number; method: string; params?: { cursor?: string } }): unknown {
  if (rpc.method === "initialize") return INIT;
  if (rpc.method === "tools/list") {
    return rpc.params?.cursor ? { tools: [{ name: "b" }] } : { tools: [{ name: "a" }], nextCursor: "2" };
  }
  return {};
}

/** A small streamable-HTTP MCP server (answers tools/list as an event stream, the rest as JSON). */
function streamableServer(seen: Seen[]) {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = req.method === "POST" ? await req.json() : undefined;
    seen.push({
      method: req.method,
      rpc: body?.method,
      session: req.headers.get("mcp-session-id"),
      auth: req.headers.get("authorization"),
    });
    if (req.method === "DELETE") return new Response(null, { status: 200 });
    if (body.id === undefined) return new Response(null, { status: 202 });
    const msg = JSON.stringify({ jsonrpc: "2.0", id: body.id, result: answer(body) });
    const headers: Record<string, string> = { "mcp-session-id": "sess-1" };
    if (body.method === "tools/list") {
      return new Response(`event: message\ndata: ${msg}\n\n`, {
        headers: { ...headers, "content-type": "text/event-stream" },
      });
    }
    return new Response(msg, { headers: { ...headers, "content-type": "application/json" } });
  });
}

/** A small server of the older SSE transport. */
function sseServer() {
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const enc = new TextEncoder();
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/sse") {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          streams.add(c);
          c.enqueue(enc.encode("event: endpoint\ndata: /messages?session=1\n\n"));
        },
        cancel() {
          streams.clear();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    }
    const rpc = await req.json();
    if (rpc.id !== undefined) {
      const data = JSON.stringify({ jsonrpc: "2.0", id: rpc.id, result: answer(rpc) });
      for (const c of streams) c.enqueue(enc.encode(`event: message\ndata: ${data}\n\n`));
    }
    return new Response("Accepted", { status: 202 });
  });
}

Deno.test("remote servers: streamable HTTP with its session, SSE, 401, refused, TLS to a plain port", () =>
  withHome(async (h) => {
    const seen: Seen[] = [];
    const http = streamableServer(seen);
    const sse = sseServer();
    const p401 = new Deno.Command("node", {
      args: [join(FIXTURES, "http_401.mjs")],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = p401.stdout.getReader();
    const port401 = Number(new TextDecoder().decode((await reader.read()).value).trim());
    try {
      await claudeFile(h, {
        http: {
          type: "http",
          url: `http://127.0.0.1:${http.addr.port}/mcp`,
          headers: { Authorization: "Bearer ${API_TOKEN}" },
        },
        sse: { type: "sse", url: `http://127.0.0.1:${sse.addr.port}/sse` },
        oauth: { type: "http", url: `http://127.0.0.1:${port401}/mcp` },
        refused: { type: "http", url: `http://127.0.0.1:${freePort()}/mcp` },
        tls: { type: "http", url: `https://127.0.0.1:${http.addr.port}/mcp` },
      });
      const r = await doctor(
        h.deps(),
        { timeout: 10 },
        testRuntime(h, { API_TOKEN: "tok-remote-0123456789" }),
      );
      const by = Object.fromEntries(r.servers.map((s) => [s.name, s]));
      assertEquals([by.http.status, by.http.transport, by.http.tools, by.http.server_info], [
        "ok",
        "http",
        2,
        { name: "mini", version: "2" },
      ]);
      // The header's ${API_TOKEN} is expanded; every request after initialize carries the session; DELETE ends it.
      assert.ok(seen.every((s) => s.auth === "Bearer tok-remote-0123456789"));
      assertEquals(seen.map((s) => s.rpc ?? s.method), [
        "initialize",
        "notifications/initialized",
        "tools/list",
        "tools/list",
        "ping",
        "DELETE",
      ]);
      assert.ok(seen.slice(1).every((s) => s.session === "sess-1"), JSON.stringify(seen));
      assertEquals([by.sse.status, by.sse.transport, by.sse.tools], ["ok", "sse", 2]);
      assertEquals(by.oauth.cause, "auth_required");
      assert.match(by.oauth.message, /HTTP 401 at initialize; WWW-Authenticate: Bearer realm="fixture"/);
      assertEquals(by.refused.cause, "connection_failed");
      assertEquals(by.tls.cause, "tls_error");
      assert.ok(!JSON.stringify(r).includes("tok-remote-0123456789"));
    } finally {
      p401.kill();
      await p401.status;
      reader.releaseLock();
      await p401.stdout.cancel();
      await http.shutdown();
      await sse.shutdown();
    }
  }));

const everything = realServer("mcp-server-everything");
Deno.test({
  name: "the real server-everything in streamable-HTTP mode on 127.0.0.1",
  ignore: everything === null,
  fn: () =>
    withHome(async (h) => {
      const port = freePort();
      const srv = new Deno.Command(everything!, {
        args: ["streamableHttp"],
        env: { PORT: String(port) },
        stdout: "null",
        stderr: "piped",
      }).spawn();
      try {
        // It says when it listens (on stderr).
        const r = srv.stderr.getReader();
        let text = "";
        while (!/listening/i.test(text)) {
          text += new TextDecoder().decode((await r.read()).value ?? new Uint8Array());
        }
        r.releaseLock();
        await claudeFile(h, { everything: { type: "http", url: `http://127.0.0.1:${port}/mcp` } });
        const rep = await doctor(h.deps(), { timeout: 15 }, testRuntime(h));
        const s = rep.servers[0];
        assertEquals([s.status, s.transport], ["ok", "http"], s.message);
        assert.ok(s.tools! > 5 && s.prompts! > 0 && s.resources! > 0, JSON.stringify(s));
      } finally {
        srv.kill();
        await srv.status;
        await srv.stderr.cancel();
      }
    }),
});
