/**
 * `doctor` as a user runs it: the CLI under the binary's permission flags, on a Claude Code file holding
 * working and broken servers; its ok/failed must equal what the real `claude mcp list` says, server by
 * server (skipped, saying so, when claude is not installed).
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { findClientBinary, realClientEnv } from "./real_clients.ts";
import { FIXTURES, realServer } from "../doctor/helpers.ts";

const node = (file: string, env?: Record<string, string>) => ({
  type: "stdio",
  command: "node",
  args: [join(FIXTURES, file)],
  ...(env ? { env } : {}),
});

async function withClaudeHome(fn: (home: string) => Promise<void>) {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-doctor-" }));
  const memory = realServer("mcp-server-memory");
  const servers: Record<string, unknown> = {
    good: node("ok.mjs"),
    banner: node("junk_then_ok.mjs"),
    exits: node("exits.mjs"),
    "needs-env": node("needs_env.mjs", { API_TOKEN: "${DOCTOR_TEST_UNSET_TOKEN}" }),
    "has-env": node("needs_env.mjs", { API_TOKEN: "${DOCTOR_TEST_TOKEN}" }),
    old: node("bad_protocol.mjs"),
    missing: { type: "stdio", command: "no-such-command-mcpo" },
    ...(memory
      ? { memory: { type: "stdio", command: memory, env: { MEMORY_FILE_PATH: join(home, "m.jsonl") } } }
      : {}),
  };
  await Deno.writeTextFile(join(home, ".claude.json"), JSON.stringify({ mcpServers: servers }, null, 2));
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

const ENV = { DOCTOR_TEST_TOKEN: "tok-e2e-9f8e7d6c5b4a", MCP_TIMEOUT: "8000" };

Deno.test("doctor under the binary's flags: JSON report, exit 9, text lines, usage errors", () =>
  withClaudeHome(async (home) => {
    const r = await runCli(["doctor", "--client", "claude-code", "--format", "json", "--timeout", "20"], {
      HOME: home,
      ...ENV,
    });
    assertEquals(r.code, 9, r.stdout + r.stderr);
    assertEquals(r.stderr, "", "no progress or logs with --format json (stderr is not a terminal)");
    const by = Object.fromEntries(r.json.servers.map((s: { name: string }) => [s.name, s]));
    assertEquals(by.good.status, "ok");
    assertEquals(by["has-env"].variables, [{ name: "DOCTOR_TEST_TOKEN", source: "environment" }]);
    assertEquals([by.exits.cause, by["needs-env"].cause, by.old.cause, by.missing.cause], [
      "exited",
      "missing_env",
      "protocol_error",
      "command_not_found",
    ]);
    assert.ok(!r.stdout.includes(ENV.DOCTOR_TEST_TOKEN));
    const keys = Object.keys(by.good).sort();
    for (
      const k of [
        "cause",
        "client",
        "hint",
        "message",
        "name",
        "prompts",
        "protocol_version",
        "ready_ms",
        "resources",
        "server_info",
        "status",
        "stderr_tail",
        "tools",
        "transport",
      ]
    ) {
      assert.ok(keys.includes(k), k);
    }
    const text = await runCli(["doctor", "--server", "good", "--server", "exits", "--timeout", "20"], {
      HOME: home,
      ...ENV,
    });
    assertEquals(text.code, 9);
    assert.match(
      text.stdout,
      /^✔ claude-code\/good \(stdio\): fixture 1\.2\.3, protocol 2025-11-25, 3 tools/m,
    );
    assert.match(text.stdout, /^✘ claude-code\/exits \(stdio\): exited: The server exited with code 3/m);
    assert.match(text.stdout, /1 ok, 1 failed, 0 skipped$/m);
    const okOnly = await runCli(["doctor", "--server", "good"], { HOME: home, ...ENV });
    assertEquals(okOnly.code, 0, okOnly.stdout + okOnly.stderr);
    const usage = await runCli(["doctor", "--config-path", join(home, ".claude.json"), "--format", "json"], {
      HOME: home,
    });
    assertEquals([usage.code, usage.json.error], [2, "usage"]);
  }));

const claude = findClientBinary("claude");
if (!claude) console.log("SKIPPED: doctor vs claude mcp list: the real claude CLI is not installed");
Deno.test({
  name: "doctor's ok/failed equals claude mcp list's ✔/✗, server by server",
  ignore: claude === null,
  sanitizeResources: false,
  fn: () =>
    withClaudeHome(async (home) => {
      const ours = await runCli(
        ["doctor", "--client", "claude-code", "--format", "json", "--timeout", "20"],
        { HOME: home, ...ENV },
      );
      const out = await new Deno.Command(claude!, {
        args: ["mcp", "list"],
        env: { ...realClientEnv(home, claude!), ...ENV },
        clearEnv: true,
        cwd: home,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal: AbortSignal.timeout(120_000),
      }).output();
      const text = new TextDecoder().decode(out.stdout);
      const theirs: Record<string, boolean> = {};
      for (const m of text.matchAll(/^(\S+): .* - (✔|✗|✘|⚠|△)?\s*(.*)$/gm)) {
        theirs[m[1]] = /Connected/.test(m[3]);
      }
      const mine = Object.fromEntries(
        ours.json.servers.map((s: { name: string; status: string }) => [s.name, s.status === "ok"]),
      );
      assertEquals(Object.keys(theirs).sort(), Object.keys(mine).sort(), text);
      assertEquals(mine, theirs, text);
    }),
});

Deno.test("an interrupted doctor leaves no process of a server's group behind", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-doctor-int-" }));
  const pids = join(home, "pids");
  try {
    const slow = node("grandchild.mjs", { FIXTURE_GRANDCHILD: pids, FIXTURE_DELAY_MS: "60000" });
    await Deno.writeTextFile(join(home, ".claude.json"), JSON.stringify({ mcpServers: { slow } }));
    const { RUN_FLAGS } = await import("../../scripts/permissions.ts");
    const { realDenoDir } = await import("../../scripts/deno_dir.ts");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        ...RUN_FLAGS,
        new URL("../../main.ts", import.meta.url).pathname,
        "doctor",
        "--timeout",
        "60",
      ],
      env: { HOME: home, PATH: Deno.env.get("PATH") ?? "", DENO_DIR: await realDenoDir() },
      clearEnv: true,
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Wait until the server and its child run, then interrupt doctor as Ctrl-C would.
    for (let i = 0; i < 200 && !(await Deno.stat(pids).catch(() => null)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const [leader, grandchild] = (await Deno.readTextFile(pids)).split(" ").map(Number);
    child.kill("SIGINT");
    const status = await child.status;
    assertEquals(status.signal, "SIGINT");
    await new Promise((r) => setTimeout(r, 300));
    const { alive, liveInGroup } = await import("../doctor/helpers.ts");
    assertEquals([await alive(leader), await alive(grandchild), await liveInGroup(leader)], [
      false,
      false,
      [],
    ]);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
