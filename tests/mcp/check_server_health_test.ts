/** check_server_health: the doctor over MCP, with a progress notification per server. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";
import { FIXTURES } from "../doctor/helpers.ts";

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
