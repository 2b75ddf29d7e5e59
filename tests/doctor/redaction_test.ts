/**
 * What doctor shows never holds a secret, not even its start: redaction happens before any cut (stderr
 * lines, HTTP bodies), and secrets in args, URLs and stderr are found the way `logs` finds them.
 * Through the CLI (text and JSON) and over MCP.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { runCli } from "../e2e/cli.ts";
import { withMcp } from "../mcp/client.ts";
import { FIXTURES } from "./helpers.ts";

const TOKEN = "tok-straddle-0123456789abcdefghij";
const KEY = "sk-remote-key-9876543210zyxwvu";
const ARG_SECRETS = ["sk-live-1234567890abcdef", "hunter2hunter2", "S3cretPw!", "dbpassw0rd"];

/** Fails when any 8-character piece of a secret appears in `text`. */
function assertNoPiece(text: string, secrets: string[]) {
  for (const s of secrets) {
    for (let i = 0; i + 8 <= s.length; i++) {
      const piece = s.slice(i, i + 8);
      assert.ok(!text.includes(piece), `"${piece}" of a secret is shown:\n${text}`);
    }
  }
}

/** An HTTP server whose every answer is a 500 with the key straddling the 200 and 2000 character cuts. */
function leakyHttp() {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    await req.body?.cancel();
    const body = "x".repeat(196) + KEY + "y".repeat(1790) + KEY + "z".repeat(5000);
    return new Response(body, { status: 500 });
  });
}

function servers(port: number) {
  return {
    leaky: {
      type: "stdio",
      command: "node",
      args: [
        join(FIXTURES, "leaky.mjs"),
        "--api-key=sk-live-1234567890abcdef",
        "--password",
        "hunter2hunter2",
        "postgres://admin:S3cretPw!@db/x",
      ],
      env: { API_TOKEN: TOKEN },
    },
    remote: { type: "http", url: `http://127.0.0.1:${port}/mcp`, headers: { "X-Api-Key": KEY } },
  };
}

const ALL = [TOKEN, KEY, ...ARG_SECRETS];

function checkJson(report: any) {
  const by = Object.fromEntries(report.servers.map((s: any) => [s.name, s]));
  assertEquals([by.leaky.cause, by.remote.cause], ["exited", "protocol_error"]);
  // The evidence is still there, only the secrets are gone.
  assert.ok(by.leaky.stderr_tail.some((l: string) => l.startsWith("aaaa")), by.leaky.stderr_tail.join("\n"));
  assert.ok(by.leaky.stderr_tail.some((l: string) => l.includes("postgres://u:")));
  assert.match(by.remote.message, /HTTP 500 at initialize: xxxx/);
  assertNoPiece(JSON.stringify(report), ALL);
}

Deno.test("doctor CLI (text and JSON) shows no piece of a secret: cut at a limit, in args, URLs and stderr", async () => {
  const http = leakyHttp();
  try {
    await withHome(async (h) => {
      await Deno.writeTextFile(
        join(h.userHome, ".claude.json"),
        JSON.stringify({ mcpServers: servers(http.addr.port) }),
      );
      const json = await runCli(["doctor", "--client", "claude-code", "--format", "json"], {
        HOME: h.userHome,
      });
      assertEquals(json.code, 9, json.stdout + json.stderr);
      checkJson(json.json);
      const text = await runCli(["doctor", "--client", "claude-code"], { HOME: h.userHome });
      assertEquals(text.code, 9);
      assert.match(text.stdout, /fix: Run it by hand/);
      assert.match(text.stdout, /stderr: /);
      assertNoPiece(text.stdout + text.stderr, ALL);
    });
  } finally {
    await http.shutdown();
  }
});

Deno.test("check_server_health shows no piece of a secret either", async () => {
  const http = leakyHttp();
  try {
    await withMcp(async (t) => {
      await Deno.writeTextFile(
        join(t.home.userHome, ".claude.json"),
        JSON.stringify({ mcpServers: servers(http.addr.port) }),
      );
      const r = (await t.client.callTool({
        name: "check_server_health",
        arguments: { client_ids: ["claude-code"] },
      })) as any;
      checkJson(r.structuredContent);
      assertNoPiece(JSON.stringify(r.content), ALL);
    });
  } finally {
    await http.shutdown();
  }
});
