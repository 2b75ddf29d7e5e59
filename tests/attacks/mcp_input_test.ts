/**
 * The MCP server against bad input: fast-check generated arguments for every tool (hostile strings,
 * wrong types, JSON strings, prototype keys) are each answered with a result or a structured error
 * document (never internal_error); the stdio server (with its fast first answer) survives malformed
 * JSON-RPC, invalid UTF-8, 10,000-deep JSON and messages over the 8 MiB limit, and keeps answering;
 * its errors use JSON-RPC 2.0's codes (-32700 and -32600 with `id: null` when the id is unreadable,
 * -32602 for params that do not match the method, -32601 for an unknown method).
 */
import fc from "../helpers/fc.ts";
import { assert, assertEquals } from "../core/assert.ts";
import { EXPECTED_TOOLS, withMcp } from "../mcp/client.ts";
import { tempHome } from "../helpers/home.ts";
import { serveFast } from "../../src/mcp/fast_start.ts";
import { MAX_MESSAGE_CHARS } from "../../src/mcp/limits.ts";
import { EXIT_CODES } from "../../src/core/errors.ts";
import { hostileValue } from "../helpers/hostile.ts";

/** Values that pass the first checks, so generated calls reach the operations. */
const PLAUSIBLE: Record<string, unknown> = {
  client_id: "cursor",
  profile_id: "default",
  server_id: "memory",
  server_name: "mem",
  artifact_id: "0123456789abcdef",
  params: { x: "1" },
  env_vars: '{"A_TOKEN":"tok-0123456789"}',
  changelog: "c",
  limit: 5,
  mode: "draft",
  scope: "user",
  transport_filter: "stdio",
  search_query: "git",
  dry_run: true,
  force: false,
  all: true,
  secrets: "reference",
};

Deno.test("every tool answers fast-check generated arguments with a result or a structured error", () =>
  withMcp(async ({ client, home, ok }) => {
    await ok("initialize_keys");
    const tools = (await client.listTools()).tools;
    assertEquals(tools.length >= EXPECTED_TOOLS.length, true);
    const counts = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tools),
        fc.array(fc.tuple(fc.nat(3), hostileValue), { maxLength: 8 }),
        fc.boolean(),
        async (tool, values, extra) => {
          const names = Object.keys((tool.inputSchema as { properties?: object }).properties ?? {});
          const args: Record<string, unknown> = {};
          // Each parameter: absent, a plausible value, or a hostile one (so calls get past the first check).
          names.forEach((n, i) => {
            const [pick, v] = values[i] ?? [0, null];
            if (pick === 1 && n in PLAUSIBLE) args[n] = PLAUSIBLE[n];
            else if (pick >= 2) args[n] = v;
          });
          // Never a relative or project-scope target: the current folder of this test is the repository.
          if (args.scope === "project" || "project_dir" in args) args.project_dir = home.userHome;
          for (const k of ["config_path", "file_path"]) {
            if (k in args) {
              args[k] = `${home.userHome}/${(JSON.stringify(args[k]) ?? "x").replace(/[\\/]/g, "_")}`;
            }
          }
          if (extra) args["__proto__"] = { polluted: true };
          const r = await client.callTool({ name: tool.name, arguments: args }) as any;
          if (r.isError) {
            const doc = JSON.parse(r.content[0].text);
            assert.ok(doc.error in EXIT_CODES, `${tool.name}: unknown code ${doc.error}`);
            assert.ok(
              doc.error !== "internal_error",
              `${tool.name} ${JSON.stringify(args).slice(0, 300)}: ${doc.message}`,
            );
            assertEquals(typeof doc.message, "string");
            counts.refused++;
          } else {
            assertEquals(JSON.parse(r.content[0].text), r.structuredContent);
            counts.ok++;
          }
          assertEquals(({} as Record<string, unknown>).polluted, undefined);
        },
      ),
      { numRuns: 1000 },
    );
    assert.ok(counts.ok > 50 && counts.refused > 100, JSON.stringify(counts));
    // Still serving, and the state folder still verifies.
    assertEquals((await ok("verify_config", { all: true })).status, "verified");
  }));

const enc = new TextEncoder();

/** Runs the stdio server (fast start included) over `chunks`; returns the messages written. */
async function session(chunks: Uint8Array[]): Promise<any[]> {
  const h = await tempHome();
  try {
    const out: string[] = [];
    await serveFast(
      h.deps(),
      () => {},
      ReadableStream.from(chunks),
      (b) => (out.push(new TextDecoder().decode(b)), Promise.resolve()),
    );
    return out.join("").trimEnd().split("\n").map((l) => JSON.parse(l));
  } finally {
    await h.cleanup();
  }
}

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};
const line = (m: unknown) => enc.encode((typeof m === "string" ? m : JSON.stringify(m)) + "\n");
const huge = (n: number) =>
  enc.encode(
    '{"jsonrpc":"2.0","id":99,"method":"tools/call","params":{"name":"list_clients","arguments":{"x":"' +
      "a".repeat(n) + '"}}}',
  );

Deno.test("the stdio server survives malformed JSON-RPC, invalid UTF-8, deep JSON and oversized messages", async () => {
  const t0 = performance.now();
  const big = huge(MAX_MESSAGE_CHARS + 1000);
  const chunks = [
    line(INIT),
    line({ jsonrpc: "2.0", method: "notifications/initialized" }),
    ...[
      "{oops",
      "[]",
      "[1,2]",
      "null",
      "42",
      '"str"',
      '{"jsonrpc":"2.0","id":{},"method":"x"}',
      '{"jsonrpc":"1.0","id":3,"method":"ping"}',
      '{"jsonrpc":"2.0","id":4,"method":7}',
      "[".repeat(10_000) + "]".repeat(10_000),
    ].map(line),
    Uint8Array.from([0xff, 0xfe, 0x7b, 0x0a]),
    // An oversized message in 64 KiB pieces, then one in a single piece, each followed by a good request.
    ...Array.from(
      { length: Math.ceil(big.length / 65536) },
      (_, i) => big.subarray(i * 65536, (i + 1) * 65536),
    ),
    line(""),
    line({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "list_profiles", arguments: {} } }),
    big,
    line(""),
    line({ jsonrpc: "2.0", id: 6, method: "tools/list" }),
  ];
  const msgs = await session(chunks);
  const byId = new Map(msgs.filter((m) => m.id !== undefined && m.id !== null).map((m) => [m.id, m]));
  assertEquals(byId.get(1).result.serverInfo.name, "mcp-orchestration");
  assertEquals(byId.get(5).result.structuredContent.profiles, []);
  assertEquals(byId.get(6).result.tools.length >= EXPECTED_TOOLS.length, true);
  assertEquals(byId.has(99), false, "an oversized message was processed");
  const tooLarge = msgs.filter((m) => m.error?.code === -32600 && /longer than/.test(m.error.message));
  assertEquals(tooLarge.length, 2);
  assert.ok(msgs.filter((m) => m.error).length >= 10, `${msgs.filter((m) => m.error).length} errors`);
  assert.ok(performance.now() - t0 < 20_000, "too slow: quadratic scanning?");
});

Deno.test("an oversized first message does not block the fast first answer path", async () => {
  const msgs = await session([huge(MAX_MESSAGE_CHARS + 10), line(""), line(INIT)]);
  assertEquals(msgs.find((m) => m.id === 1)?.result.serverInfo.name, "mcp-orchestration");
  assertEquals(msgs.filter((m) => m.error?.code === -32600).length, 1);
});

Deno.test("over a real pipe, under the binary's flags: a 9 MiB line is refused and the next request answered", async () => {
  const { RUN_FLAGS } = await import("../../scripts/permissions.ts");
  const { realDenoDir } = await import("../../scripts/deno_dir.ts");
  const h = await tempHome();
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", ...RUN_FLAGS, new URL("../../main.ts", import.meta.url).pathname, "serve"],
      env: { DENO_DIR: await realDenoDir(), PATH: Deno.env.get("PATH") ?? "", ...h.env },
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(line(INIT));
    await w.write(huge(9 * 1024 * 1024));
    await w.write(line(""));
    await w.write(
      line({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_profiles", arguments: {} } }),
    );
    await w.close();
    const out = await child.output();
    const msgs = new TextDecoder().decode(out.stdout).trimEnd().split("\n").map((l) => JSON.parse(l));
    assertEquals(out.code, 0);
    assertEquals(msgs.find((m) => m.id === 2)?.result.structuredContent.profiles, []);
    assertEquals(msgs.filter((m) => m.error?.code === -32600).length, 1);
  } finally {
    await h.cleanup();
  }
});

Deno.test("JSON-RPC errors use the spec's codes: -32700/-32600 with id null (or the request's id), -32602 for bad params", async () => {
  const bad = [
    "{oops",
    '{"jsonrpc":"2.0","id":21,"method":7}',
    '{"hello":1}',
    { jsonrpc: "2.0", id: 22, method: "tools/call" },
    { jsonrpc: "2.0", id: 23, method: "tools/call", params: {} },
    { jsonrpc: "2.0", id: 24, method: "tools/call", params: { name: 5 } },
    { jsonrpc: "2.0", id: 25, method: "resources/read", params: {} },
    { jsonrpc: "2.0", id: 26, method: "prompts/get", params: {} },
    { jsonrpc: "2.0", id: 27, method: "no/such/method" },
    { jsonrpc: "2.0", id: 28, method: "tools/call", params: { name: "list_profiles", arguments: {} } },
  ];
  // A malformed initialize first: the fast path leaves it to the SDK, which refuses its params.
  const msgs = await session([
    line({ jsonrpc: "2.0", id: 20, method: "initialize", params: {} }),
    line(INIT),
    ...bad.map(line),
  ]);
  for (const m of msgs) assert.ok("id" in m, `every answer carries an id: ${JSON.stringify(m)}`);
  const byId = new Map(msgs.filter((m) => m.id !== null).map((m) => [m.id, m]));
  const nulls = msgs.filter((m) => m.id === null).map((m) => m.error.code);
  assertEquals(nulls.sort(), [-32700, -32600].sort());
  assertEquals(byId.get(20).error.code, -32602);
  assertEquals(byId.get(1).result.serverInfo.name, "mcp-orchestration");
  assertEquals(byId.get(21).error.code, -32600);
  for (const id of [22, 23, 24, 25, 26]) {
    const e = byId.get(id).error;
    assertEquals(e.code, -32602, JSON.stringify(e));
    assert.match(e.message, /^Invalid params: params(\.\w+)?: /);
    assert.doesNotMatch(e.message, /[[{\n]/, "no validation dump");
  }
  assert.match(byId.get(23).error.message, /params\.name: expected string/);
  assertEquals(byId.get(27).error.code, -32601);
  assertEquals(byId.get(28).result.structuredContent.profiles, []);
});
