/**
 * Issue 15: the MCP server never acts on a misread call (unknown keys, a missing or unknown client id,
 * an unknown tool), its annotations are true, and over a whole workflow it speaks MCP: no result or error
 * tells the assistant to run a command line or give an `--option`.
 */
import { join } from "node:path";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";

/** A misspelling of `name` that is no argument of any tool. */
const typo = (name: string) => name.length > 3 ? name.slice(0, -2) + name.at(-1) : name + "x";

Deno.test("every tool refuses a misspelled argument with invalid_input naming it and the known ones; nothing is written", () =>
  withMcp(async ({ client, fail, ok, home }) => {
    const tools: any[] = (await client.listTools()).tools;
    const writes = tools.filter((t) => !t.annotations.readOnlyHint).map((t) => t.name);
    // Every tool that writes (and the reads too: the same rule for all).
    assertEquals(writes.length, 17, `write tools: ${writes}`);
    for (const t of tools) {
      const props = Object.keys(t.inputSchema.properties ?? {});
      const real = props.find((p) => p !== "client_id") ?? props[0] ?? "client_id";
      const wrong = typo(real);
      const args: Record<string, unknown> = { [wrong]: "work" };
      if (props.includes("client_id")) args.client_id = "claude-code";
      const doc = await fail(t.name, args, "invalid_input");
      assertEquals(doc.details.unknown, [wrong], t.name);
      assertEquals(doc.details.known, props, `${t.name}: the known arguments, in the schema's order`);
      assert.ok(doc.message.includes(JSON.stringify(wrong)), `${t.name}: ${doc.message}`);
      if (props.length) assert.ok(doc.details.suggestions.includes(real), `${t.name}: ${doc.message}`);
    }
    // The case of the issue: a misspelled profile_id must not deploy the default profile.
    await ok("initialize_keys", {});
    await ok("add_server_to_config", { client_id: "claude-code", server_id: "memory" });
    await ok("publish_config", { client_id: "claude-code" });
    const d = await fail("deploy_config", { client_id: "claude-code", profile: "work" }, "invalid_input");
    assert.match(d.message, /"profile".*did you mean "profile_id"/);
    assertEquals(
      (await ok("get_deployment_status", { client_id: "claude-code" })).targets[0].state,
      "not-deployed",
    );
    await assertNoFile(join(home.userHome, ".claude.json"));
  }));

async function assertNoFile(path: string) {
  const exists = await Deno.stat(path).then(() => true, () => false);
  assertEquals(exists, false, `${path} was written`);
}

Deno.test("client_id: required by every tool that writes, an enum of the client ids, matched loosely", () =>
  withMcp(async ({ client, fail, ok }) => {
    const tools: any[] = (await client.listTools()).tools;
    const ids = (await ok("list_clients")).clients.map((c: any) => c.client_id);
    const checked: string[] = [];
    for (const t of tools) {
      const p = t.inputSchema.properties ?? {};
      if (p.client_id) {
        assertEquals([...p.client_id.enum].sort(), [...ids].sort(), `${t.name}.client_id enum`);
      }
      if (p.client_ids) assertEquals([...p.client_ids.items.enum].sort(), [...ids].sort(), t.name);
      if (t.annotations.readOnlyHint || !p.client_id) continue;
      checked.push(t.name);
      assertEquals(p.client_id.default, undefined, `${t.name}: a write has no default client`);
      // deploy_config takes one of client_id, client_ids, all_clients; push_profiles client_id or all.
      if (t.name !== "deploy_config" && t.name !== "push_profiles") {
        assert.ok(t.inputSchema.required?.includes("client_id"), `${t.name}: client_id required`);
      }
    }
    assertEquals(checked.sort(), [
      "add_server_to_config",
      "clear_draft_config",
      "connect_client",
      "deploy_config",
      "disable_server_in_config",
      "enable_server_in_config",
      "import_client_config",
      "publish_config",
      "push_profiles",
      "remove_server_from_config",
      "rollback_deployment",
      "set_server_in_config",
    ]);
    await fail("add_server_to_config", { server_id: "memory" }, "invalid_input");
    await fail("deploy_config", {}, "invalid_input");
    await fail("rollback_deployment", {}, "invalid_input");
    // Closed sets are enums.
    const byName = (n: string) => tools.find((t) => t.name === n).inputSchema.properties;
    assertEquals(byName("add_server_to_config").transport.enum, ["stdio", "http", "sse"]);
    assertEquals(byName("list_available_servers").transport_filter.enum, ["stdio", "http", "sse"]);
    assertEquals(byName("get_install_command").transport.enum, ["stdio", "http", "sse"]);
    // An id in another case is the client the user meant; an unknown one is client_not_found.
    assertEquals(
      (await ok("add_server_to_config", { client_id: "Claude-Code", server_id: "memory" })).client_id,
      "claude-code",
    );
    const nf = await fail("get_config", { client_id: "claude-coder" }, "client_not_found");
    assert.ok(nf.details.suggestions.includes("claude-code"));
    await fail("list_profiles", { client_id: "Bad Name!" }, "invalid_input");
    assertEquals((await ok("list_available_servers", { transport_filter: "" })).count > 3, true);
  }));

Deno.test("an unknown tool is JSON-RPC -32602; install_server still answers as get_install_command", () =>
  withMcp(async ({ client, ok }) => {
    let err: unknown;
    try {
      await client.callTool({ name: "deploy_configs", arguments: {} });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof McpError, `a protocol error, not a tool result: ${err}`);
    assertEquals((err as McpError).code, -32602);
    assert.match((err as McpError).message, /Unknown tool "deploy_configs".*"deploy_config"/);
    const names = (await client.listTools()).tools.map((t: any) => t.name);
    assert.ok(names.includes("get_install_command") && !names.includes("install_server"));
    const a = await ok("install_server", { server_id: "memory" });
    assertEquals(a, await ok("get_install_command", { server_id: "memory" }));
  }));

Deno.test("annotations: what may replace data is destructive; regenerate makes initialize_keys not idempotent", () =>
  withMcp(async ({ client }) => {
    const a = Object.fromEntries((await client.listTools()).tools.map((t: any) => [t.name, t.annotations!]));
    for (
      const n of [
        "remove_server_from_config",
        "add_server_to_config",
        "set_server_in_config",
        "import_client_config",
        "connect_client",
        "import_registry_server",
        "deploy_config",
        "rollback_deployment",
        "clear_draft_config",
      ]
    ) {
      assertEquals([a[n].readOnlyHint, a[n].destructiveHint], [false, true], n);
    }
    assertEquals([a.initialize_keys.destructiveHint, a.initialize_keys.idempotentHint], [false, false]);
    const tools: any[] = (await client.listTools()).tools;
    const install = tools.find((t) => t.name === "get_install_command");
    assertEquals([install.annotations.readOnlyHint, install.title], [true, "Get a server's install command"]);
  }));

/** `mcp-orchestration ` followed by a CLI verb or an `--option`; or one of our CLI's options (any in prose). */
const CLI_TEXT =
  /mcp-orchestration (init|list-|add|remove-|set-|disable-|enable-|view-|clear-|import-|validate-|diff-|publish-|get-|verify|deploy-|status|history|rollback|doctor|logs|connect|registry|describe-|check-|install-|serve|--)|(^|[\s`("'])--(client|profile|env|param|header|arg|force|replace|secrets|file|dry-run|artifact-id|all|scope|project-dir|config-path|name|command|url|transport|changelog|regenerate|restore|to|limit|pin|draft|deployed|search|unset-env|deployment)\b/;
/** Data that holds other programs' command lines (a server's args, a client file's entry): not prose. */
const DATA_KEYS = new Set(["entry", "snippet", "payload", "mcpServers", "args", "diff"]);

/** Every string of a result outside its data, each with where it is. */
function proseOf(v: unknown, at = ""): [string, string][] {
  if (typeof v === "string") return [[at, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => proseOf(x, `${at}[${i}]`));
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => DATA_KEYS.has(k) ? [] : proseOf(x, `${at}.${k}`));
  }
  return [];
}

Deno.test("a whole workflow over MCP: no result tells the model to run a command or give an --option", () =>
  withMcp(async ({ client }) => {
    const seen: { name: string; text: string }[] = [];
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const r = await client.callTool({ name, arguments: args }) as any;
      seen.push({ name, text: r.content[0].text });
      return { error: r.isError === true, doc: JSON.parse(r.content[0].text) };
    };
    const c = { client_id: "claude-desktop" };
    // Before keys: publishing must point at initialize_keys.
    await call("add_server_to_config", { ...c, server_id: "memory" });
    const noKey = await call("publish_config", c);
    assertEquals([noKey.error, noKey.doc.error], [true, "key_not_found"]);
    assertEquals(noKey.doc.details.next, [{ tool: "initialize_keys", arguments: {} }]);
    assert.match(noKey.doc.message, /call initialize_keys first/);
    await call("initialize_keys");
    await call("list_clients");
    await call("list_available_servers", { search_query: "git" });
    await call("describe_server", { server_id: "filesystem" });
    const desc = await call("describe_server", { server_id: "github", client_id: "codex" });
    assertEquals(desc.doc.usage_example.command.startsWith("add_server_to_config {"), true);
    assertEquals(desc.doc.next[0].tool, "add_server_to_config");
    assertEquals(desc.doc.next[0].arguments.client_id, "codex");
    assert.ok("GITHUB_PERSONAL_ACCESS_TOKEN" in desc.doc.next[0].arguments.env_vars);
    // A server whose required inputs are missing: the warnings name the arguments.
    const fsAdd = await call("add_server_to_config", { ...c, server_id: "filesystem" });
    const gh = await call("add_server_to_config", { ...c, server_id: "github" });
    assertEquals(fsAdd.doc.warnings, [
      `Server 'filesystem' requires the parameter allowed_directory: give params: {"allowed_directory":"VALUE"}`,
    ]);
    assertEquals(
      gh.doc.warnings[0],
      `Server 'github' requires GITHUB_PERSONAL_ACCESS_TOKEN: give env_vars: {"GITHUB_PERSONAL_ACCESS_TOKEN":"VALUE"}`,
    );
    // A secret is never asked for in a form: the tool that stores it, with its arguments (issue 15 part B).
    assert.match(gh.doc.warnings[1], /^GITHUB_PERSONAL_ACCESS_TOKEN is a secret: .*set_server_in_config \(/);
    assertEquals(gh.doc.warnings.length, 2);
    await call("remove_server_from_config", { ...c, server_name: "github" });
    await call("add_server_to_config", {
      ...c,
      server_id: "filesystem",
      params: { allowed_directory: ["/tmp"] },
      replace: true,
    });
    await call("view_draft_config", c);
    await call("validate_config", c);
    const before = await call("diff_config", c);
    assertEquals(before.doc.next, [{
      tool: "publish_config",
      arguments: { client_id: "claude-desktop", profile_id: "default" },
    }]);
    const nothing = await call("deploy_config", c);
    assertEquals(nothing.doc.error, "profile_not_found");
    assertEquals(nothing.doc.details.available_profiles, []);
    await call("publish_config", { ...c, changelog: "v1" });
    const unknownProfile = await call("get_config", { ...c, profile_id: "work" });
    assertEquals(unknownProfile.doc.details.available_profiles, ["default"]);
    assertEquals((await call("get_config", { client_id: "nope" })).doc.error, "client_not_found");
    await call("get_config", c);
    const inline = await call("diff_config", { ...c, local_payload: { mcpServers: {} } });
    assertEquals([inline.error, inline.doc.servers_added.sort()], [false, ["filesystem", "memory"]]);
    await call("deploy_config", { ...c, dry_run: true });
    const dep = await call("deploy_config", c);
    assertEquals(dep.doc.status, "deployed");
    await call("get_deployment_status", c);
    await call("list_deployment_history", c);
    await call("get_deployment_details", { deployment_id: dep.doc.deployment_id });
    await call("remove_server_from_config", { ...c, server_name: "memory" });
    await call("diff_config", c);
    await call("publish_config", { ...c, changelog: "v2" });
    await call("diff_config", { ...c, mode: "deployed" });
    await call("deploy_config", c);
    await call("rollback_deployment", c);
    await call("rollback_deployment", { ...c, restore_deployment_id: "20990101T000000000Z-abcdef" });
    await call("verify_config", c);
    await call("check_server_installation", { server_id: "github" });
    await call("get_install_command", { server_id: "memory" });
    await call("list_profiles", c);
    await call("clear_draft_config", c);
    await call("diff_config", c);
    const bad = seen.flatMap((s) =>
      proseOf(JSON.parse(s.text)).filter(([, t]) => CLI_TEXT.test(t)).map(([at, t]) => `${s.name}${at}: ${t}`)
    );
    assertEquals(bad, []);
    assert.ok(seen.length > 35);
  }));

Deno.test("serverInfo has a title and description; capabilities://server names the signature algorithm and key", () =>
  withMcp(async ({ client, ok, read }) => {
    const info = client.getServerVersion()!;
    assertEquals([info.name, info.title], ["mcp-orchestration", "MCP Orchestration"]);
    assert.ok((info.description as string).length > 40);
    const { key_id } = await ok("initialize_keys", {});
    const caps = await read("capabilities://server");
    assertEquals(caps.signing.algorithm, "Ed25519");
    const m = caps.signing.verification_key.match(/(\S+)<key_id>\.pub/);
    assert.ok(m, caps.signing.verification_key);
    // The path it names holds the key's public PEM.
    assert.match(await Deno.readTextFile(`${m[1]}${key_id}.pub`), /BEGIN PUBLIC KEY/);
    const res = (await client.listResources()).resources.find((r: any) => r.uri === "server://filesystem")!;
    assertEquals(res.name, "filesystem");
    assert.ok(res.title && res.title !== res.name, JSON.stringify(res));
  }));

Deno.test("tools/list is lean: no $schema, no default execution, output schemas one level deep", () =>
  withMcp(async ({ client, ok }) => {
    const tools: any[] = (await client.listTools()).tools;
    const text = JSON.stringify(tools);
    assert.ok(!text.includes('"$schema"') && !text.includes('"execution"'), "defaults left out");
    for (const t of tools) {
      assert.ok(t.outputSchema?.type === "object", `${t.name}: an output schema`);
      for (const [k, p] of Object.entries<any>(t.outputSchema.properties ?? {})) {
        const inner = p.items ?? p.anyOf?.[0] ?? p;
        assertEquals(inner.properties, undefined, `${t.name}.${k}: nested shapes are not described`);
      }
      assertEquals(t.annotations.title, undefined, `${t.name}: the title is the tool's own`);
    }
    // The results still carry every nested field, and validate (the SDK client checks structuredContent).
    const c = (await ok("list_clients")).clients[0];
    assert.ok("config_path" in c && "profiles" in c);
  }));
