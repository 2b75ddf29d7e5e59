import { assert, assertEquals } from "../core/assert.ts";
import { EXPECTED_TOOLS, withMcp } from "./client.ts";
import denoJson from "../../deno.json" with { type: "json" };

const READ_TOOLS = [
  "list_clients",
  "list_profiles",
  "get_config",
  "diff_config",
  "list_available_servers",
  "describe_server",
  "view_draft_config",
  "validate_config",
  "check_server_installation",
  "get_deployment_status",
  "list_deployment_history",
  "get_deployment_details",
  "verify_config",
  "list_trusted_keys",
  "get_install_command",
  "read_client_logs",
  "check_server_health",
  "list_remotes",
];
const DESTRUCTIVE = [
  "deploy_config",
  "rollback_deployment",
  "clear_draft_config",
  "remove_server_from_config",
  "add_server_to_config",
  "set_server_in_config",
  "import_client_config",
  "connect_client",
  "import_registry_server",
  "sync_profiles",
];

Deno.test("initialize: name, version from deno.json, capabilities tools/resources/prompts", () =>
  withMcp(({ client }) => {
    const info = client.getServerVersion()!;
    assertEquals([info.name, info.version], ["mcp-orchestration", denoJson.version]);
    const caps = client.getServerCapabilities()!;
    assert.ok(caps.tools && caps.resources && caps.prompts);
    return Promise.resolve();
  }));

Deno.test("every tool of the issue is registered, with described inputs, an output schema and annotations", () =>
  withMcp(async ({ client }) => {
    const tools: any[] = (await client.listTools()).tools;
    const names = tools.map((t) => t.name);
    for (const n of EXPECTED_TOOLS) assert.ok(names.includes(n), `tool ${n} is not registered`);
    assertEquals(
      names.length,
      EXPECTED_TOOLS.length,
      `unexpected tools: ${names.filter((n) => !EXPECTED_TOOLS.includes(n))}`,
    );
    for (const t of tools) {
      assert.ok(t.description && t.description.length > 20, `${t.name}: description`);
      for (const [p, s] of Object.entries(t.inputSchema.properties ?? {})) {
        assert.ok((s as { description?: string }).description, `${t.name}.${p} has no description`);
      }
      assertEquals(t.outputSchema?.type, "object", `${t.name}: output schema`);
      const a = t.annotations!;
      assertEquals(a.readOnlyHint, READ_TOOLS.includes(t.name), `${t.name}: readOnlyHint`);
      assertEquals(a.destructiveHint, DESTRUCTIVE.includes(t.name), `${t.name}: destructiveHint`);
      if (a.readOnlyHint) assertEquals(a.idempotentHint, true, `${t.name}: idempotentHint`);
    }
    const props = (n: string) =>
      tools.find((t) => t.name === n)!.inputSchema.properties as Record<string, any>;
    assertEquals(props("get_config").client_id.default, "claude-desktop");
    assertEquals(props("get_config").profile_id.default, "default");
    for (const k of ["transport_filter", "search_query"]) assert.ok(k in props("list_available_servers"));
    for (const k of ["artifact_id", "dry_run", "force"]) assert.ok(k in props("deploy_config"));
    for (const k of ["params", "env_vars"]) assert.ok(k in props("add_server_to_config"));
  }));

Deno.test("resources, templates and prompts of the issue are registered", () =>
  withMcp(async ({ client }) => {
    const uris = (await client.listResources()).resources.map((r: { uri: string }) => r.uri);
    for (const u of ["capabilities://server", "capabilities://clients", "server://registry"]) {
      assert.ok(uris.includes(u), `resource ${u}`);
    }
    assert.ok(uris.includes("server://filesystem"), "server://{server_id} lists catalogue servers");
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((
      r: { uriTemplate: string },
    ) => r.uriTemplate);
    for (const suffix of ["draft", "latest", "deployed", "history"]) {
      assert.ok(templates.includes(`config://{client_id}/{profile_id}/${suffix}`), suffix);
    }
    assert.ok(templates.includes("server://{server_id}"));
    const prompts = (await client.listPrompts()).prompts.map((p: { name: string }) => p.name).sort();
    assertEquals(prompts, ["migrate_config", "troubleshoot_config"]);
  }));

Deno.test("capabilities://server is generated from the registrations", () =>
  withMcp(async ({ client, read }) => {
    const caps = await read("capabilities://server");
    const tools: any[] = (await client.listTools()).tools;
    assertEquals(caps.tools.map((t: { name: string }) => t.name).sort(), tools.map((t) => t.name).sort());
    assertEquals(caps.name, "mcp-orchestration");
    assertEquals(caps.prompts.length, 2);
    assert.ok(
      caps.resources.some((r: { uri: string }) => r.uri === "config://{client_id}/{profile_id}/history"),
    );
  }));
