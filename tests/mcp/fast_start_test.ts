/** The fast first answer to `initialize` equals the SDK server's own, and the session goes on. */
import { assertEquals } from "../core/assert.ts";
import { SUPPORTED_PROTOCOL_VERSIONS as SDK_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import { serveFast } from "../../src/mcp/fast_start.ts";
import { serveStdio } from "../../src/mcp/serve.ts";
import { SUPPORTED_PROTOCOL_VERSIONS } from "../../src/mcp/server_info.ts";
import { withHome } from "../helpers/home.ts";
import type { Deps } from "../../src/platform/deps.ts";

function lines(...msgs: unknown[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(msgs.map((m) => JSON.stringify(m)).join("\n") + "\n");
  return new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
}

async function session(deps: Deps, fast: boolean, version: string) {
  const out: any[] = [];
  const input = lines(
    {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "t", version: "1" } },
    },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    { jsonrpc: "2.0", id: 2, method: "ping" },
  );
  const write = (b: Uint8Array) => {
    for (const l of new TextDecoder().decode(b).split("\n")) if (l.trim()) out.push(JSON.parse(l));
    return Promise.resolve();
  };
  if (fast) await serveFast(deps, () => {}, input, write);
  else await serveStdio(deps, () => {}, { readable: input, write });
  return out;
}

Deno.test("the protocol versions we answer with are the SDK's", () => {
  assertEquals(SUPPORTED_PROTOCOL_VERSIONS, [...SDK_VERSIONS]);
});

Deno.test("fast initialize answers exactly as the SDK server, once, for every version", () =>
  withHome(async (h) => {
    for (const v of [...SUPPORTED_PROTOCOL_VERSIONS, "1999-01-01"]) {
      const fast = await session(h.deps(), true, v);
      const slow = await session(h.deps(), false, v);
      assertEquals(fast, slow);
      assertEquals(fast.filter((m) => m.id === 1).length, 1);
      assertEquals(fast.map((m) => m.id), [1, 2]);
    }
  }));
