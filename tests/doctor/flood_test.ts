/**
 * Floods do not stall doctor: ~20 MB of `\r` progress on stderr without a newline (read in linear time,
 * the line cut), and a ~20 MB stdout line (larger than any sane message: bad_output, not buffered).
 */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { doctor } from "../../src/ops/doctor.ts";
import { claudeFile, nodeEntry, testRuntime } from "./helpers.ts";

Deno.test("20 MB on stderr without a newline, or one 20 MB stdout line, ends well inside the timeout", () =>
  withHome(async (h) => {
    await claudeFile(h, {
      progress: nodeEntry("flood.mjs", { FLOOD: "stderr" }),
      huge: nodeEntry("flood.mjs", { FLOOD: "stdout" }),
    });
    // Read linearly, both take about a second; the quadratic reader ran past this limit.
    const r = await doctor(h.deps(), { timeout: 10 }, testRuntime(h));
    const by = Object.fromEntries(r.servers.map((s) => [s.name, s]));
    assertEquals(by.progress.status, "ok", by.progress.message);
    // The 20 MB line is kept cut.
    assert.ok(by.progress.stderr_tail[0]?.startsWith("downloading 42%"));
    assert.ok(by.progress.stderr_tail.every((l) => l.length <= 501));
    assertEquals(by.huge.cause, "bad_output", by.huge.message);
    assert.match(by.huge.message, /longer than/);
    assert.ok(by.huge.message.length < 1000);
  }));

Deno.test("an event stream answering with a ~20 MB line is protocol_error, read in linear time", async () => {
  const chunk = new TextEncoder().encode("q".repeat(1 << 20));
  const http = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    await req.body?.cancel();
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ === 0) c.enqueue(new TextEncoder().encode("event: message\ndata: "));
        else if (n < 22) c.enqueue(chunk);
        else c.close();
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  });
  try {
    await withHome(async (h) => {
      await claudeFile(h, { stream: { type: "http", url: `http://127.0.0.1:${http.addr.port}/mcp` } });
      const r = await doctor(h.deps(), { timeout: 10 }, testRuntime(h));
      assertEquals(r.servers[0].cause, "protocol_error", r.servers[0].message);
      assert.match(r.servers[0].message, /longer than/);
    });
  } finally {
    await http.shutdown();
  }
});

Deno.test("a JSON answer of ~20 MB is protocol_error, read no further than the limit", async () => {
  const chunk = new TextEncoder().encode(" ".repeat(1 << 20));
  let sent = 0;
  const http = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    await req.body?.cancel();
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ === 0) c.enqueue(new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"result":{'));
        else if (n < 22) (c.enqueue(chunk), sent += chunk.length);
        else c.close();
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  try {
    await withHome(async (h) => {
      await claudeFile(h, { big: { type: "http", url: `http://127.0.0.1:${http.addr.port}/mcp` } });
      const r = await doctor(h.deps(), { timeout: 10 }, testRuntime(h));
      assertEquals(r.servers[0].cause, "protocol_error", r.servers[0].message);
      assert.match(r.servers[0].message, /longer than \d+ characters: not read further/);
      assert.ok(sent < 15 * (1 << 20), `stopped reading early (${sent} bytes sent)`);
    });
  } finally {
    await http.shutdown();
  }
});
