import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { argvForInvocation } from "../../src/cli/program.ts";

async function withUserHome(fn: (env: Record<string, string>, dir: string) => Promise<void>) {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-e2e-" }));
  try {
    await fn({ HOME: dir }, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("CLI under the binary's flags: init, publish, get, verify, list-profiles, errors as JSON", () =>
  withUserHome(async (env, dir) => {
    const init = await runCli(["init", "--format", "json"], env);
    assertEquals(init.code, 0, init.stderr);
    assertEquals(init.json.status, "created");
    assertEquals((await runCli(["init", "--format", "json"], env)).json.status, "already_exists");
    const file = join(dir, "cfg.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { a: { command: "uvx", args: ["mcp-server-time"] } } }),
    );
    const pub = await runCli([
      "publish-config",
      "--client",
      "cursor",
      "--file",
      file,
      "--changelog",
      "c1",
      "--format",
      "json",
    ], env);
    assertEquals(pub.code, 0, pub.stderr);
    for (
      const k of [
        "status",
        "artifact_id",
        "client_id",
        "profile_id",
        "server_count",
        "changelog",
        "created_at",
        "version",
      ]
    ) {
      assert.ok(k in pub.json, `publish output lacks ${k}`);
    }
    const get = await runCli(["get-config", "cursor", "--format", "json"], env);
    assertEquals(get.json.payload, { mcpServers: { a: { command: "uvx", args: ["mcp-server-time"] } } });
    const ver = await runCli(["verify", pub.json.artifact_id.slice(0, 10), "--format", "json"], env);
    assertEquals([ver.code, ver.json.status], [0, "verified"]);
    // --home and MCP_ORCHESTRATION_HOME choose the state folder.
    const other = join(dir, "other-state");
    assertEquals((await runCli(["init", "--home", other, "--format", "json"], env)).json.home, other);
    assertEquals(
      (await runCli(["list-profiles", "cursor", "--format", "json"], {
        ...env,
        MCP_ORCHESTRATION_HOME: other,
      })).json.profiles,
      [],
    );

    // Error documents and exit codes: exactly one JSON document on stdout.
    const cases: [string[], number, string][] = [
      [["get-config", "Bad!"], 2, "invalid_input"],
      [["get-config", "cursor", "nope"], 3, "profile_not_found"],
      [["get-config", "cursorr"], 3, "client_not_found"],
      [["get-config", "cursor", "--artifact-id", "0000000000"], 3, "artifact_not_found"],
      [["verify", "xyz"], 2, "invalid_input"],
      [["publish-config", "--client", "cursor", "--file", join(dir, "missing.json")], 7, "unreadable_file"],
      [["no-such-command"], 2, "usage"],
      [["get-config"], 2, "usage"],
    ];
    for (const [args, code, error] of cases) {
      const r = await runCli([...args, "--format", "json"], env);
      assertEquals([r.code, r.json?.error], [code, error], `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assertEquals(typeof r.json.message, "string");
      assertEquals(typeof r.json.details, "object");
    }
    // Text mode: a short message on stderr, no stack trace.
    const t = await runCli(["get-config", "cursor", "nope"], env);
    assertEquals(t.code, 3);
    assert.match(t.stderr, /^error: Nothing published for "cursor\/nope"/);
    assert.doesNotMatch(t.stderr, /\bat .*\.ts:\d+/);
    // A tampered artifact fails verify with exit 5.
    const path = join(dir, ".mcp-orchestration", "artifacts", `${pub.json.artifact_id}.json`);
    await Deno.writeTextFile(
      path,
      (await Deno.readTextFile(path)).replace("mcp-server-time", "mcp-server-tim3"),
    );
    assertEquals((await runCli(["verify", pub.json.artifact_id], env)).code, 5);
  }));

Deno.test("help and version for the program and every command", async () => {
  const help = await runCli(["--help"], { HOME: "/nonexistent" });
  assertEquals(help.code, 0);
  for (const c of ["init", "publish-config", "get-config", "list-profiles", "verify"]) {
    assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
    const sub = await runCli([c, "--help"], { HOME: "/nonexistent" });
    assertEquals(sub.code, 0);
    assert.match(sub.stdout, /Usage: mcp-orchestration/);
  }
  const v = await runCli(["--version"], { HOME: "/nonexistent" });
  assert.match(v.stdout, /^\d+\.\d+\.\d+/);
});

Deno.test("a link named mcp-orchestration-<sub> runs that subcommand", () => {
  assertEquals(argvForInvocation("mcp-orchestration-list-profiles", ["cursor"]), ["list-profiles", "cursor"]);
  assertEquals(argvForInvocation("mcp-orchestration-init.exe", []), ["init"]);
  assertEquals(argvForInvocation("mcp-orchestration", ["init"]), ["init"]);
  assertEquals(argvForInvocation("deno", ["init"]), ["init"]);
});
