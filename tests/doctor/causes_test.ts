/**
 * doctor against real processes: one Claude Code file holding a working fixture server and one broken
 * fixture per failure cause; each gets its cause, its evidence and no secret value anywhere.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { doctor } from "../../src/ops/doctor.ts";
import { exitCodeFor } from "../../src/core/errors.ts";
import { doctorExitCode } from "../../src/ops/doctor.ts";
import { alive, claudeFile, FIXTURES, liveInGroup, nodeEntry, testRuntime } from "./helpers.ts";

const SECRET = "tok-4f9a8b7c6d5e4f3a2b1c";

Deno.test("doctor gives each broken server its cause and evidence, and the working one its counts", () =>
  withHome(async (h) => {
    const pids = join(h.userHome, "pids");
    await Deno.writeTextFile(join(h.userHome, "ok.mjs"), await Deno.readTextFile(join(FIXTURES, "ok.mjs")));
    await claudeFile(h, {
      good: nodeEntry("grandchild.mjs", { FIXTURE_GRANDCHILD: pids }),
      exits: nodeEntry("exits.mjs"),
      banner: nodeEntry("junk_then_ok.mjs"),
      old: nodeEntry("bad_protocol.mjs"),
      "needs-env": nodeEntry("needs_env.mjs", { API_TOKEN: "${MY_API_TOKEN}" }),
      "has-env": nodeEntry("needs_env.mjs", { API_TOKEN: "${SET_TOKEN:-fallback}" }),
      leaks: nodeEntry("leaks_env.mjs", { API_TOKEN: "${LEAK_TOKEN}" }),
      missing: { type: "stdio", command: "no-such-command-mcpo" },
      "not-exec": { type: "stdio", command: join(h.userHome, "ok.mjs") },
      fetch: {
        type: "stdio",
        command: join(FIXTURES, "npx_fails", "npx"),
        args: ["-y", "@example/no-such-server"],
      },
      off: { ...nodeEntry("ok.mjs"), disabled: true },
    });
    const r = await doctor(h.deps(), { timeout: 20 }, {
      ...testRuntime(h, { LEAK_TOKEN: SECRET, SET_TOKEN: "set-value" }),
      concurrency: 16,
    });
    const by = Object.fromEntries(r.servers.map((s) => [s.name, s]));
    const good = by.good;
    assertEquals([good.status, good.transport, good.protocol_version], ["ok", "stdio", "2025-11-25"]);
    assertEquals(good.server_info, { name: "with-child", version: "1.2.3" });
    assertEquals(
      [good.tools, good.prompts, good.resources],
      [3, 1, 0],
      "every page of tools/list is counted",
    );
    assert.ok(typeof good.ready_ms === "number" && good.ready_ms >= 0);
    // The server and the child it started are gone, and nothing of its process group is left.
    const [leader, child] = (await Deno.readTextFile(pids)).split(" ").map(Number);
    assertEquals([await alive(leader), await alive(child)], [false, false]);
    assertEquals(await liveInGroup(leader), []);

    assertEquals(by.exits.cause, "exited");
    assert.match(by.exits.message, /exited with code 3 during initialize/);
    assert.ok(
      by.exits.stderr_tail.some((l) => l.includes("cannot open database")),
      by.exits.stderr_tail.join("\n"),
    );
    // A banner on stdout before a working handshake: ok (as Claude Code takes it), with a warning.
    assertEquals(by.banner.status, "ok");
    assert.match(
      by.banner.warnings.join(),
      /non-JSON lines to stdout \("Weather MCP server v0\.1 starting"\)/,
    );
    assertEquals(by.old.cause, "protocol_error");
    assert.match(by.old.message, /"1999-01-01"/);
    assertEquals(by["needs-env"].cause, "missing_env");
    assert.match(by["needs-env"].message, /MY_API_TOKEN is not set for Claude Code/);
    assertEquals(by["needs-env"].variables, [{ name: "MY_API_TOKEN", source: "unset" }]);
    assert.match(by["needs-env"].hint!, /Export MY_API_TOKEN before starting Claude Code/);
    assertEquals(by["has-env"].status, "ok");
    assertEquals(by["has-env"].variables, [{ name: "SET_TOKEN", source: "environment" }]);
    assertEquals(by.missing.cause, "command_not_found");
    assertEquals(by["not-exec"].cause, "not_executable");
    assert.match(by["not-exec"].hint!, /chmod \+x/);
    assertEquals(by.fetch.cause, "package_fetch_failed");
    assertEquals([by.off.status, by.off.cause], ["skipped", "disabled"]);
    assertEquals(by.leaks.status, "failed");
    assertEquals(r.summary, { ok: 3, failed: 7, skipped: 1, changed: 0, suspicious: 0 });
    assertEquals(doctorExitCode(r), 9);
    assertEquals(exitCodeFor("check_failed"), 9);
    // The token the leaking server printed is redacted everywhere.
    const text = JSON.stringify(r);
    assert.ok(!text.includes(SECRET), "the token's value is shown");
    assert.ok(by.leaks.stderr_tail.some((l) => l.includes("***")), by.leaks.stderr_tail.join("\n"));
  }));

Deno.test("a server that never answers is a timeout; one whose stdout is only logs is bad_output", () =>
  withHome(async (h) => {
    await claudeFile(h, {
      silent: nodeEntry("silent.mjs"),
      junk: nodeEntry("junk.mjs"),
      good: nodeEntry("ok.mjs"),
    });
    const t0 = Date.now();
    const r = await doctor(h.deps(), { timeout: 2 }, testRuntime(h));
    const s = r.servers.find((x) => x.name === "silent")!;
    assertEquals([s.status, s.cause], ["failed", "timeout"]);
    assert.match(s.message, /No answer to initialize after \d+ ms \(the --timeout of 2 s\)/);
    assert.ok(Date.now() - t0 < 6000, "the deadline holds");
    assertEquals(r.servers.find((x) => x.name === "good")!.status, "ok");
    const junk = r.servers.find((x) => x.name === "junk")!;
    assertEquals(junk.cause, "bad_output");
    assert.match(junk.message, /not JSON-RPC to stdout: "Weather MCP server v0\.1 starting"/);
  }));

Deno.test("a server that answers with its ids as strings is ok, as the clients' SDK takes it", () =>
  withHome(async (h) => {
    await claudeFile(h, { strings: nodeEntry("ok.mjs", { FIXTURE_STRING_IDS: "1" }) });
    const r = await doctor(h.deps(), { timeout: 5 }, testRuntime(h));
    assertEquals([r.servers[0].status, r.servers[0].cause], ["ok", null], r.servers[0].message);
    assertEquals(r.servers[0].tools, 3, "every page of tools/list was read");
  }));

Deno.test("the client's own startup limit bounds a check when it is shorter (Claude Code's MCP_TIMEOUT)", () =>
  withHome(async (h) => {
    await claudeFile(h, { slow: nodeEntry("ok.mjs", { FIXTURE_DELAY_MS: "3000" }) });
    const r = await doctor(h.deps(), { timeout: 20 }, testRuntime(h, { MCP_TIMEOUT: "1000" }));
    assertEquals(r.servers[0].cause, "timeout");
    assert.match(r.servers[0].message, /Claude Code waits 1 s/);
  }));

Deno.test("no servers: an empty report, exit 0; --server naming nothing is server_not_found", () =>
  withHome(async (h) => {
    const r = await doctor(h.deps(), {}, testRuntime(h));
    assertEquals(r.servers, []);
    assertEquals(doctorExitCode(r), 0);
    await claudeFile(h, { good: nodeEntry("ok.mjs") });
    const e = await doctor(h.deps(), { servers: ["nope"] }, testRuntime(h)).catch((e) => e);
    assertEquals(e.code, "server_not_found");
  }));
