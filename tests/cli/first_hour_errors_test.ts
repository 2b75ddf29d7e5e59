/** Issue 14, "Errors that lead somewhere": each error a new user meets names what to do next, on the CLI
 * (in process, over a temp home) and over MCP. */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";

Deno.test("did you mean: a mistyped server id or client id names the closest ones in the hint", () =>
  withHome(async (h) => {
    const s = await cli(h, ["add-server", "filsystem"]);
    assertEquals(s.code, 3);
    assert.match(s.stderr, /did you mean "filesystem"\?/);
    const c = await cli(h, ["add-server", "memory", "--client", "claude", "--format", "json"]);
    assertEquals(c.code, 3);
    assertEquals(c.json.error, "client_not_found");
    assertEquals(c.json.details.suggestions, ["claude-code", "claude-desktop"]);
    assert.match(c.json.details.hint, /did you mean "claude-code" or "claude-desktop"\?/);
    const none = await cli(h, ["add-server", "zzzzzzzzzz"]);
    assert.match(none.stderr, /list-servers/);
  }));

Deno.test("a client id in another case or with _ is the client meant, on every command", () =>
  withHome(async (h) => {
    const a = await cli(h, ["add-server", "memory", "--client", "Claude-Code", "--format", "json"]);
    assertEquals(a.code, 0, a.stderr);
    assertEquals(a.json.client_id, "claude-code");
    const v = await cli(h, ["view-draft", "--client", "CLAUDE_CODE", "--format", "json"]);
    assertEquals(v.json.servers, ["memory"]);
    const p = await cli(h, ["list-profiles", "Claude-Code", "--format", "json"]);
    assertEquals(p.code, 0, p.stderr);
    assertEquals(p.json.client_id, "claude-code");
    // An unknown id in another case is refused as unknown, with suggestions (not as a malformed name).
    const u = await cli(h, ["add-server", "memory", "--client", "Claude", "--format", "json"]);
    assertEquals(u.json.error, "client_not_found");
    assertEquals(u.json.details.suggestions, ["claude-code", "claude-desktop"]);
    // doctor (declared apart from the specs) takes client ids the same way.
    const d = await cli(h, ["doctor", "--client", "Claude", "--format", "json"]);
    assertEquals(d.json.error, "client_not_found");
    assertEquals(d.json.details.suggestions, ["claude-code", "claude-desktop"]);
  }));

Deno.test("MCP: the same suggestions and the same case-insensitive client ids", () =>
  withMcp(async ({ ok, fail }) => {
    const s = await fail(
      "add_server_to_config",
      { client_id: "claude-desktop", server_id: "filsystem" },
      "server_not_found",
    );
    assertEquals(s.details.suggestions[0], "filesystem");
    assert.match(s.details.hint, /did you mean "filesystem"/);
    const c = await fail(
      "add_server_to_config",
      { server_id: "memory", client_id: "claude" },
      "client_not_found",
    );
    assertEquals(c.details.suggestions, ["claude-code", "claude-desktop"]);
    const r = await ok("add_server_to_config", { server_id: "memory", client_id: "Claude-Code" });
    assertEquals(r.client_id, "claude-code");
  }));

/** Publishes memory + time for cursor and deploys them; returns the path of cursor's file. */
async function deployedCursor(run: (args: string[]) => Promise<{ code: number }>, userHome: string) {
  for (
    const args of [
      ["init"],
      ["add-server", "memory", "--client", "cursor"],
      ["add-server", "time", "--client", "cursor"],
      ["publish-config", "--client", "cursor"],
      ["deploy-config", "--client", "cursor"],
    ]
  ) assertEquals((await run(args)).code, 0, args.join(" "));
  return `${userHome}/.cursor/mcp.json`;
}

async function editJson(path: string, edit: (d: any) => void) {
  const d = JSON.parse(await Deno.readTextFile(path));
  edit(d);
  await Deno.writeTextFile(path, JSON.stringify(d, null, 2));
}

Deno.test("drift: a dry run shows the diff --force would write and says it needs --force (exit 6)", () =>
  withHome(async (h) => {
    const path = await deployedCursor((a) => cli(h, a), h.userHome);
    await editJson(path, (d) => d.mcpServers.time.args.push("--local-timezone=UTC"));
    const before = await Deno.readTextFile(path);
    const plain = await cli(h, ["deploy-config", "--client", "cursor"]);
    assertEquals(plain.code, 6);
    assert.match(plain.stderr, /run with --dry-run to see the change/);
    const dry = await cli(h, ["deploy-config", "--client", "cursor", "--dry-run"]);
    assertEquals(dry.code, 6);
    assert.match(dry.stdout, /Dry run: nothing was written/);
    assert.match(dry.stdout, /-\s+"--local-timezone=UTC"/);
    assert.match(dry.stdout, /--force/);
    const json = await cli(h, ["deploy-config", "--client", "cursor", "--dry-run", "--format", "json"]);
    assertEquals(json.code, 6);
    assertEquals(json.json.status, "dry_run");
    assertEquals(json.json.needs_force, true);
    assertEquals(json.json.conflicts.map((c: any) => [c.server, c.kind]), [["time", "edited"]]);
    assertEquals(await Deno.readTextFile(path), before, "a dry run writes nothing");
    const forced = await cli(h, [
      "deploy-config",
      "--client",
      "cursor",
      "--dry-run",
      "--force",
      "--format",
      "json",
    ]);
    assertEquals(forced.code, 0);
    assertEquals(forced.json.needs_force, undefined);
    assertEquals(forced.json.diff, json.json.diff);
  }));

Deno.test("drift: a managed entry deleted by hand is drift: deploy refuses, status names it, --force re-adds", () =>
  withHome(async (h) => {
    const path = await deployedCursor((a) => cli(h, a), h.userHome);
    await editJson(path, (d) => delete d.mcpServers.memory);
    const before = await Deno.readTextFile(path);
    const d = await cli(h, ["deploy-config", "--client", "cursor", "--format", "json"]);
    assertEquals(d.code, 6);
    assertEquals(d.json.error, "drift_detected");
    assertEquals(d.json.details.conflicts.map((c: any) => [c.server, c.kind]), [["memory", "deleted"]]);
    assert.match(d.json.message, /"memory" \(deleted by hand\)/);
    assertEquals(await Deno.readTextFile(path), before);
    const s = await cli(h, ["status", "--client", "cursor"]);
    assert.match(s.stdout, /drifted \(memory removed\)/);
    const f = await cli(h, ["deploy-config", "--client", "cursor", "--force", "--format", "json"]);
    assertEquals(f.code, 0, f.stdout);
    assertEquals(f.json.changes.added, ["memory"]);
    // A file deleted as a whole is missing-file, not drift: the next deploy writes it anew.
    await Deno.remove(path);
    assertEquals((await cli(h, ["deploy-config", "--client", "cursor"])).code, 0);
  }));

Deno.test("MCP: deploy_config dry_run over drift returns the diff and needs_force; deleted entries are drift", () =>
  withMcp(async ({ ok, fail, home }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { server_id: "memory", client_id: "cursor" });
    await ok("add_server_to_config", { server_id: "time", client_id: "cursor" });
    await ok("publish_config", { client_id: "cursor" });
    await ok("deploy_config", { client_id: "cursor" });
    await editJson(`${home.userHome}/.cursor/mcp.json`, (d) => delete d.mcpServers.memory);
    const e = await fail("deploy_config", { client_id: "cursor" }, "drift_detected");
    assertEquals(e.details.conflicts[0].kind, "deleted");
    const dry = await ok("deploy_config", { client_id: "cursor", dry_run: true });
    assertEquals(dry.needs_force, true);
    assert.match(dry.diff, /server-memory/);
  }));

Deno.test("--project-dir implies the project scope (never ignored); refused with --scope user or a client without one", () =>
  withHome(async (h) => {
    const project = `${h.userHome}/src/app`;
    await Deno.mkdir(project, { recursive: true });
    for (
      const args of [["init"], ["add-server", "memory", "--client", "claude-code"], [
        "publish-config",
        "--client",
        "claude-code",
      ]]
    ) assertEquals((await cli(h, args)).code, 0);
    const d = await cli(h, [
      "deploy-config",
      "--client",
      "claude-code",
      "--project-dir",
      project,
      "--format",
      "json",
    ]);
    assertEquals(d.code, 0, d.stdout);
    assertEquals(d.json.scope, "project");
    assertEquals(d.json.config_path, `${project}/.mcp.json`);
    assert.ok(JSON.parse(await Deno.readTextFile(`${project}/.mcp.json`)).mcpServers.memory);
    const userFile = await Deno.stat(`${h.userHome}/.claude.json`).catch(() => null);
    assertEquals(userFile, null, "the user file is not written");
    const both = await cli(h, [
      "deploy-config",
      "--client",
      "claude-code",
      "--scope",
      "user",
      "--project-dir",
      project,
    ]);
    assertEquals(both.code, 2);
    assert.match(both.stderr, /--project-dir .* --scope is "user"/);
    const none = await cli(h, [
      "deploy-config",
      "--client",
      "claude-desktop",
      "--artifact-id",
      d.json.artifact_id,
      "--project-dir",
      project,
    ]);
    assertEquals(none.code, 2);
    assert.match(none.stderr, /has no project-scope file/);
    // import-config reads the same file the same way.
    const imp = await cli(h, [
      "import-config",
      "--client",
      "claude-code",
      "--profile",
      "p2",
      "--project-dir",
      project,
      "--format",
      "json",
    ]);
    assertEquals(imp.code, 0, imp.stdout + imp.stderr);
    assertEquals(imp.json.servers, ["memory"]);
  }));

Deno.test("MCP: project_dir alone deploys to the project file", () =>
  withMcp(async ({ ok, fail, home }) => {
    const project = `${home.userHome}/src/app`;
    await Deno.mkdir(project, { recursive: true });
    await ok("initialize_keys");
    await ok("add_server_to_config", { server_id: "memory", client_id: "claude-code" });
    await ok("publish_config", { client_id: "claude-code" });
    const d = await ok("deploy_config", { client_id: "claude-code", project_dir: project });
    assertEquals(d.config_path, `${project}/.mcp.json`);
    await fail(
      "deploy_config",
      { client_id: "claude-code", project_dir: project, scope: "user" },
      "invalid_input",
    );
  }));

Deno.test("a required parameter given empty is refused; a relative path for a filepath input is a warning", () =>
  withHome(async (h) => {
    const e = await cli(h, ["add-server", "filesystem", "--param", "allowed_directory=", "--format", "json"]);
    assertEquals(e.code, 2);
    assertEquals(e.json.details.empty, ["allowed_directory"]);
    assert.match(e.json.details.hint, /--param allowed_directory=VALUE/);
    const env = await cli(h, ["add-server", "github", "--env", "GITHUB_PERSONAL_ACCESS_TOKEN="]);
    assertEquals(env.code, 2);
    assert.match(env.stderr, /GITHUB_PERSONAL_ACCESS_TOKEN is required but given empty/);
    const rel = await cli(h, [
      "add-server",
      "filesystem",
      "--param",
      "allowed_directory=projects",
      "--format",
      "json",
    ]);
    assertEquals(rel.code, 0);
    assert.ok(
      rel.json.warnings.some((w: string) => /"projects" is not an absolute path/.test(w)),
      rel.stdout,
    );
    const tilde = await cli(h, [
      "add-server",
      "filesystem",
      "--name",
      "fs2",
      "--param",
      "allowed_directory=~/p",
    ]);
    assert.match(tilde.stdout + tilde.stderr, /~ is not expanded/);
    const abs = await cli(h, [
      "add-server",
      "filesystem",
      "--name",
      "fs3",
      "--param",
      `allowed_directory=${h.userHome}`,
    ]);
    assert.ok(!/absolute/.test(abs.stdout + abs.stderr));
    const v = await cli(h, ["validate-config", "--format", "json"]);
    assertEquals(v.code, 0);
    assertEquals(v.json.warnings.filter((w: any) => w.code === "RELATIVE_PATH").map((w: any) => w.server), [
      "filesystem",
      "fs2",
    ]);
    // A draft that holds an empty required value (written by an older version, or by hand) is invalid.
    const path = `${h.home}/drafts/claude-desktop/default.json`;
    const draft = JSON.parse(await Deno.readTextFile(path));
    const fs3 = draft.servers.find((s: any) => s.name === "fs3");
    fs3.params.allowed_directory = "";
    await Deno.writeTextFile(path, JSON.stringify(draft));
    const bad = await cli(h, ["validate-config", "--format", "json"]);
    assertEquals(bad.code, 4);
    assertEquals(bad.json.errors.map((x: any) => [x.code, x.server, x.param]), [[
      "MISSING_PARAM",
      "fs3",
      "allowed_directory",
    ]]);
    assertEquals((await cli(h, ["publish-config", "--client", "claude-desktop"])).code, 4);
  }));

Deno.test("MCP: add_server_to_config refuses an empty required parameter and warns of a relative path", () =>
  withMcp(async ({ ok, fail }) => {
    await fail(
      "add_server_to_config",
      { client_id: "claude-desktop", server_id: "filesystem", params: { allowed_directory: "" } },
      "invalid_input",
    );
    const r = await ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "filesystem",
      params: { allowed_directory: "src" },
    });
    assert.ok(r.warnings.some((w: string) => /not an absolute path/.test(w)));
    const v = await ok("validate_config", {});
    assertEquals(v.warnings[0].code, "RELATIVE_PATH");
  }));

Deno.test("publish-config of an empty draft says where the drafts with servers are, and the commands", () =>
  withHome(async (h) => {
    assertEquals((await cli(h, ["init"])).code, 0);
    const none = await cli(h, ["publish-config", "--client", "claude-code"]);
    assertEquals(none.code, 4);
    assert.match(none.stderr, /add-server ID --client claude-code/);
    assertEquals((await cli(h, ["add-server", "memory"])).code, 0); // claude-desktop, the default
    const e = await cli(h, ["publish-config", "--client", "claude-code", "--format", "json"]);
    assertEquals(e.code, 4);
    assertEquals(e.json.details.errors[0].code, "EMPTY_CONFIG");
    assertEquals(e.json.details.drafts, [{
      client_id: "claude-desktop",
      profile_id: "default",
      servers: ["memory"],
    }]);
    assert.match(e.json.details.hint, /claude-desktop\/default \(memory\)/);
    assert.match(e.json.details.hint, /publish-config --client claude-desktop/);
    const t = await cli(h, ["publish-config", "--client", "claude-code"]);
    assert.match(t.stderr, /drafts with servers: claude-desktop\/default/);
  }));

Deno.test("MCP: publish_config of an empty draft names the drafts with servers", () =>
  withMcp(async ({ ok, fail }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "memory" });
    const e = await fail("publish_config", { client_id: "claude-code" }, "validation_failed");
    assertEquals(e.details.drafts[0].client_id, "claude-desktop");
    // Over MCP the hint names the tool and its arguments, and the step it can take as it stands.
    assert.match(e.details.hint, /publish_config \{"client_id":"claude-desktop"\}/);
    assertEquals(e.details.next, [{ tool: "publish_config", arguments: { client_id: "claude-desktop" } }]);
  }));

Deno.test("a client file that does not parse: the deploy error names the file, line and column (CLI and MCP)", () =>
  withMcp(async ({ ok, fail, home }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { server_id: "memory", client_id: "cursor" });
    await ok("publish_config", { client_id: "cursor" });
    const path = `${home.userHome}/.cursor/mcp.json`;
    await Deno.mkdir(`${home.userHome}/.cursor`);
    const broken = '{\n  "mcpServers": {\n    "a": { "command": "x" }\n';
    await Deno.writeTextFile(path, broken);
    const e = await fail("deploy_config", { client_id: "cursor" }, "config_parse_error");
    assertEquals(e.details.path, path);
    assertEquals([e.details.line, e.details.column], [4, 1]);
    assert.ok(e.message.includes(`"${path}" at line 4, column 1`), e.message);
    const c = await cli(home, ["deploy-config", "--client", "cursor"]);
    assertEquals(c.code, 7);
    assert.ok(c.stderr.includes(`"${path}" at line 4, column 1`), c.stderr);
    assertEquals(await Deno.readTextFile(path), broken, "nothing written");
  }));

Deno.test("deploying to a client that does not look installed says so (warning and client_installed: false)", () =>
  withHome(async (h) => {
    for (
      const args of [["init"], ["add-server", "memory", "--client", "windsurf"], [
        "publish-config",
        "--client",
        "windsurf",
      ]]
    ) {
      assertEquals((await cli(h, args)).code, 0);
    }
    const d = await cli(h, ["deploy-config", "--client", "windsurf", "--format", "json"]);
    assertEquals(d.code, 0, d.stdout);
    assertEquals(d.json.client_installed, false);
    assert.ok(d.json.warnings.some((w: string) => /Windsurf does not look installed/.test(w)), d.stdout);
    assert.ok(JSON.parse(await Deno.readTextFile(d.json.config_path)).mcpServers.memory, "created anyway");
    // Now its folder exists: no such warning.
    assertEquals((await cli(h, ["add-server", "time", "--client", "windsurf"])).code, 0);
    assertEquals((await cli(h, ["publish-config", "--client", "windsurf"])).code, 0);
    const again = await cli(h, ["deploy-config", "--client", "windsurf", "--format", "json"]);
    assertEquals(again.json.client_installed, undefined);
    assertEquals(again.json.warnings, []);
    const text = await cli(h, ["deploy-config", "--client", "cursor", "--artifact-id", d.json.artifact_id]);
    assert.match(text.stdout, /warning: Cursor does not look installed here/);
  }));

Deno.test("MCP: deploy_config to a client that does not look installed reports client_installed: false", () =>
  withMcp(async ({ ok }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { server_id: "memory", client_id: "cursor" });
    await ok("publish_config", { client_id: "cursor" });
    const d = await ok("deploy_config", { client_id: "cursor" });
    assertEquals(d.client_installed, false);
  }));
