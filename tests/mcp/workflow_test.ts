/** Every tool's happy path, through the seed's conversational workflow, in-process. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";

Deno.test("workflow over MCP: keys, servers, draft, validate, publish, deploy, status, history, rollback", () =>
  withMcp(async ({ ok, home }) => {
    assertEquals((await ok("initialize_keys")).status, "created");
    assertEquals((await ok("initialize_keys", {})).status, "already_exists");
    const list = await ok("list_available_servers", { search_query: "file" });
    assert.ok(list.servers.some((s: { id: string }) => s.id === "filesystem"));
    const stdio = await ok("list_available_servers", { transport_filter: "stdio" });
    assert.ok(stdio.count > 3 && stdio.servers.every((s: any) => s.transports.includes("stdio")));
    const d = await ok("describe_server", { server_id: "filesystem" });
    assertEquals(d.id, "filesystem");
    assertEquals(d.usage_example.client_id, "claude-desktop");

    const dir = join(home.userHome, "projects");
    const a1 = await ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "filesystem",
      params: { allowed_directory: [dir] },
    });
    assertEquals([a1.client_id, a1.profile_id, a1.action], ["claude-desktop", "default", "added"]);
    await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "memory", params: "{}" });
    const a3 = await ok("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "github",
      env_vars: JSON.stringify({ GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_mcpTestToken1234567890" }),
    });
    assertEquals(a3.server_count, 3);
    assertEquals(a3.secrets_stored, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    const view = await ok("view_draft_config", { client_id: "claude-desktop", profile_id: "default" });
    assertEquals([view.exists, view.servers.sort()], [true, ["filesystem", "github", "memory"]]);
    assert.ok(!JSON.stringify(view).includes("ghp_mcpTestToken"), "the draft view shows no secret value");
    const v = await ok("validate_config");
    assertEquals([v.valid, v.server_count], [true, 3], JSON.stringify(v.errors));
    assertEquals((await ok("diff_config")).status, "unknown", "nothing published yet");

    const p1 = await ok("publish_config", { client_id: "claude-desktop", changelog: "three servers" });
    assertEquals([p1.status, p1.version, p1.server_count], ["published", 1, 3]);
    assertEquals(
      (await ok("publish_config", { client_id: "claude-desktop", changelog: "again" })).status,
      "unchanged",
    );
    const got = await ok("get_config");
    assertEquals([got.artifact_id, got.version, got.changelog], [p1.artifact_id, 1, "three servers"]);
    assertEquals(
      (await ok("verify_config", { artifact_id: p1.artifact_id.slice(0, 12) })).status,
      "verified",
    );
    assertEquals((await ok("verify_config", { client_id: "claude-desktop" })).artifact_id, p1.artifact_id);

    const dry = await ok("deploy_config", { client_id: "claude-desktop", dry_run: true });
    assertEquals([dry.status, dry.deployment_id], ["dry_run", null]);
    const dep1 = await ok("deploy_config", { client_id: "claude-desktop" });
    assertEquals([dep1.status, dep1.artifact_id], ["deployed", p1.artifact_id]);
    assert.ok(dep1.config_path.startsWith(home.userHome), "the Claude Desktop file is in the temp home");
    const file = JSON.parse(await Deno.readTextFile(dep1.config_path));
    assertEquals(Object.keys(file.mcpServers).sort(), ["filesystem", "github", "memory"]);
    assertEquals((await ok("deploy_config", { client_id: "claude-desktop" })).status, "unchanged");
    const st = await ok("get_deployment_status", { client_id: "claude-desktop" });
    assertEquals(st.targets.map((t: any) => [t.profile_id, t.state]), [["default", "up-to-date"]]);

    await ok("remove_server_from_config", { client_id: "claude-desktop", server_name: "memory" });
    const diff = await ok("diff_config");
    assertEquals([diff.status, diff.servers_removed, diff.servers_unchanged.sort()], [
      "diverged",
      ["memory"],
      ["filesystem", "github"],
    ]);
    const p2 = await ok("publish_config", { client_id: "claude-desktop", changelog: "no memory" });
    assertEquals(p2.version, 2);
    const dep2 = await ok("deploy_config", { client_id: "claude-desktop", artifact_id: p2.artifact_id });
    assertEquals(dep2.changes.removed, ["memory"]);
    const h = await ok("list_deployment_history", { limit: 10 });
    assertEquals(h.deployments.map((r: any) => r.deployment_id), [dep2.deployment_id, dep1.deployment_id]);
    const det = await ok("get_deployment_details", { deployment_id: dep1.deployment_id });
    assertEquals([det.artifact_id, det.action], [p1.artifact_id, "deploy"]);

    const rb = await ok("rollback_deployment", { client_id: "claude-desktop" });
    assertEquals([rb.status, rb.artifact_id], ["deployed", p1.artifact_id]);
    const after = JSON.parse(await Deno.readTextFile(dep1.config_path));
    assertEquals(Object.keys(after.mcpServers).sort(), ["filesystem", "github", "memory"]);
    assertEquals(
      (await ok("get_deployment_status")).targets.find((t: any) => t.client_id === "claude-desktop").state,
      "outdated",
    );

    const profiles = await ok("list_profiles", { client_id: "claude-desktop" });
    assertEquals(profiles.profiles.map((p: any) => [p.profile_id, p.has_draft, p.published_versions]), [[
      "default",
      true,
      2,
    ]]);
    const clients = await ok("list_clients");
    const cd = clients.clients.find((c: any) => c.client_id === "claude-desktop");
    assertEquals([cd.config_exists, cd.profiles], [true, ["default"]]);
    assertEquals((await ok("diff_config", { mode: "deployed" })).client_id, "claude-desktop");
    const cleared = await ok("clear_draft_config", { client_id: "claude-desktop" });
    assertEquals([cleared.action, cleared.server_count, cleared.removed.sort()], ["cleared", 0, [
      "filesystem",
      "github",
    ]]);
  }));

Deno.test("import_client_config, check_server_installation, install_server", () =>
  withMcp(
    async ({ ok, home }) => {
      const bin = join(home.userHome, "bin");
      await Deno.mkdir(bin);
      await Deno.writeTextFile(join(bin, "npx"), "#!/bin/sh\n", { mode: 0o755 });
      const dir = join(home.userHome, ".cursor");
      await Deno.mkdir(dir);
      await Deno.writeTextFile(
        join(dir, "mcp.json"),
        JSON.stringify({
          mcpServers: {
            mine: { command: "node", args: ["server.js"] },
            web: { url: "https://example.com/mcp" },
          },
        }),
      );
      const imp = await ok("import_client_config", { client_id: "cursor", profile_id: "work" });
      assertEquals([imp.profile_id, imp.imported.sort()], ["work", ["mine", "web"]]);
      assertEquals(
        (await ok("view_draft_config", { client_id: "cursor", profile_id: "work" })).server_count,
        2,
      );
      const chk = await ok("check_server_installation", { server_id: "filesystem" });
      assertEquals(chk.id, "filesystem");
      assertEquals(chk.installed, true, JSON.stringify(chk));
      const inst = await ok("install_server", { server_id: "filesystem" });
      assert.match(inst.command, /^npm install -g @modelcontextprotocol\/server-filesystem/);
    },
    {},
    (env, h) => (env.PATH = join(h.userHome, "bin")),
  ));

Deno.test("connect_client and import_registry_server, and history --deployment's twin", () =>
  withMcp(async (t) => {
    await t.ok("initialize_keys", {});
    const c = await t.ok("connect_client", { client_id: "cursor" });
    assertEquals([c.status, c.server_name, c.args.includes("serve")], [
      "connected",
      "mcp-orchestration",
      true,
    ]);
    assertEquals((await t.ok("connect_client", { client_id: "cursor" })).status, "unchanged");
    await t.fail("connect_client", { client_id: "nope" }, "client_not_found");
    const doc = {
      name: "io.example/widget",
      description: "A widget server",
      version: "1.0.0",
      packages: [{
        registryType: "npm",
        identifier: "@example/widget-mcp",
        version: "1.0.0",
        transport: { type: "stdio" },
      }],
    };
    const r = await t.ok("import_registry_server", { server_json: JSON.stringify(doc) });
    assertEquals(r.imported.map((i: { id: string }) => i.id), ["widget"]);
    const list = await t.ok("list_available_servers", { search_query: "widget" });
    assertEquals(list.servers.map((s: { id: string }) => s.id), ["widget"]);
    await t.fail("import_registry_server", { server_json: "{not json" }, "invalid_input");
  }));
