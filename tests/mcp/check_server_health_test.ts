/** check_server_health: the doctor over MCP, with a progress notification per server (only when the
 * call sends a progress token), and a cancelled call ends every server it started. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createServer } from "../../src/mcp/server.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";
import { withMcp } from "./client.ts";
import { alive, FIXTURES, liveInGroup } from "../doctor/helpers.ts";

Deno.test("check_server_health reports per server and sends progress when the caller asks for it", () =>
  withMcp(async (t) => {
    await Deno.writeTextFile(
      join(t.home.userHome, ".claude.json"),
      JSON.stringify({
        mcpServers: {
          good: { type: "stdio", command: "node", args: [join(FIXTURES, "ok.mjs")] },
          exits: { type: "stdio", command: "node", args: [join(FIXTURES, "exits.mjs")] },
        },
      }),
    );
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const r = (await t.client.callTool(
      { name: "check_server_health", arguments: { client_ids: ["claude-code"], timeout_seconds: 20 } },
      undefined,
      { onprogress: (p: { progress: number; total?: number; message?: string }) => progress.push(p) },
    )) as any;
    assert.ok(!r.isError, r.content?.[0]?.text);
    const s = r.structuredContent;
    assertEquals(s.summary, { ok: 1, failed: 1, skipped: 0, changed: 0, suspicious: 0 });
    assertEquals(s.servers.map((x: any) => [x.name, x.status, x.cause]), [["good", "ok", null], [
      "exits",
      "failed",
      "exited",
    ]]);
    assertEquals(progress.map((p) => [p.progress, p.total]).sort(), [[1, 2], [2, 2]]);
    assert.ok(progress.some((p) => /claude-code\/exits/.test(p.message ?? "")));
    // Same inputs as the CLI less file paths: nothing in the call names a command, a URL or a file.
    const tool = (await t.client.listTools()).tools.find((x: { name: string }) =>
      x.name === "check_server_health"
    )! as any;
    const props = Object.keys(tool.inputSchema.properties ?? {});
    for (const k of ["command", "args", "url", "config_path", "file"]) assert.ok(!props.includes(k), k);
    assertEquals(tool.annotations?.readOnlyHint, true);
    assertEquals(tool.annotations?.openWorldHint, true);
    // The CLI's error codes: a server name no client has.
    await t.fail(
      "check_server_health",
      { client_ids: ["claude-code"], server_names: ["nope"] },
      "server_not_found",
    );
  }));

/** A client over a fresh temp home that records every message the server sends it (notifications too). */
async function withRecordingClient(
  fn: (client: Client, seen: Record<string, any>[], home: TempHome) => Promise<void>,
): Promise<void> {
  const home = await tempHome();
  const server = createServer(home.deps());
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await server.connect(st);
  await client.connect(ct);
  const seen: Record<string, any>[] = [];
  const deliver = ct.onmessage! as (m: unknown, extra?: unknown) => void;
  ct.onmessage = ((m: unknown, extra?: unknown) => {
    seen.push(m as Record<string, any>);
    deliver.call(ct, m, extra);
  }) as typeof ct.onmessage;
  try {
    await fn(client, seen, home);
  } finally {
    await client.close();
    await server.close();
    await home.cleanup();
  }
}

const progressOf = (seen: Record<string, any>[]) => seen.filter((m) => m.method === "notifications/progress");

Deno.test("check_server_health: a progress notification per server, before the result, only when the call sends a progress token", () =>
  withRecordingClient(async (client, seen, home) => {
    await Deno.writeTextFile(
      join(home.userHome, ".claude.json"),
      JSON.stringify({
        mcpServers: {
          one: { type: "stdio", command: "node", args: [join(FIXTURES, "ok.mjs")] },
          two: { type: "stdio", command: "node", args: [join(FIXTURES, "ok.mjs")] },
          exits: { type: "stdio", command: "node", args: [join(FIXTURES, "exits.mjs")] },
        },
      }),
    );
    const args = { client_ids: ["claude-code"], timeout_seconds: 20 };
    const r = (await client.callTool({ name: "check_server_health", arguments: args }, undefined, {
      onprogress: () => {},
    })) as any;
    assertEquals(r.structuredContent.summary.ok, 2);
    const withToken = progressOf(seen);
    assertEquals(withToken.map((m) => [m.params.progress, m.params.total]).sort(), [[1, 3], [2, 3], [3, 3]]);
    assertEquals(
      withToken.map((m) => m.params.message.match(/claude-code\/(\w+) \(stdio\)/)?.[1]).sort(),
      ["exits", "one", "two"],
    );
    assertEquals(new Set(withToken.map((m) => m.params.progressToken)).size, 1);
    const answer = seen.findIndex((m) => m.result !== undefined && m.result.structuredContent);
    assert.ok(seen.indexOf(withToken[2]) < answer, "every notification comes before the result");

    seen.length = 0;
    const plain = (await client.callTool({ name: "check_server_health", arguments: args })) as any;
    assertEquals(plain.structuredContent.summary, r.structuredContent.summary);
    assertEquals(progressOf(seen), [], "no progress token, no notification");
  }));

Deno.test("check_server_health: cancelling the request ends every probe it started (no process left)", () =>
  withRecordingClient(async (client, _seen, home) => {
    // Two servers that start a child of their own and then take a minute to answer initialize.
    const pids = [join(home.userHome, "pids-a"), join(home.userHome, "pids-b")];
    const slow = (file: string) => ({
      type: "stdio",
      command: "node",
      args: [join(FIXTURES, "grandchild.mjs")],
      env: { FIXTURE_GRANDCHILD: file, FIXTURE_DELAY_MS: "60000" },
    });
    await Deno.writeTextFile(
      join(home.userHome, ".claude.json"),
      JSON.stringify({ mcpServers: { a: slow(pids[0]), b: slow(pids[1]) } }),
    );
    const ac = new AbortController();
    const call = client.callTool(
      { name: "check_server_health", arguments: { client_ids: ["claude-code"], timeout_seconds: 120 } },
      undefined,
      { signal: ac.signal, timeout: 300_000, onprogress: () => {} },
    ).then(() => "answered", (e: unknown) => e);
    const started: number[] = [];
    // "<server pid> <child pid>", whole (the fixture renames it into place).
    const pidsIn = (file: string) =>
      Deno.readTextFile(file).then((t) => /^\d+ \d+$/.test(t) ? t : null, () => null);
    for (const file of pids) {
      let text = await pidsIn(file);
      for (let i = 0; i < 300 && text === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        text = await pidsIn(file);
      }
      assert.ok(text !== null, `the server wrote its pids to ${file}`);
      started.push(...text.split(" ").map(Number));
    }
    for (const pid of started) assert.ok(await alive(pid), `${pid} runs before the cancel`);
    ac.abort("the user stopped it");
    assert.ok((await call) !== "answered");
    // The probes end their process groups at once (the run's own deadline is 120 s away).
    const left = async () => {
      const out: number[] = [];
      for (const pid of started) if (await alive(pid)) out.push(pid);
      for (const leader of [started[0], started[2]]) out.push(...await liveInGroup(leader));
      return out;
    };
    let remaining = await left();
    for (let i = 0; i < 100 && remaining.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      remaining = await left();
    }
    assertEquals(remaining, [], "no process of a cancelled check is left");
    // The server goes on answering.
    const again = (await client.callTool({ name: "list_clients", arguments: {} })) as any;
    assert.ok(!again.isError);
  }));
