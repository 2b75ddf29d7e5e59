/** The MCP server as a subprocess under the compiled binary's permission flags, driven over real stdio by
 * the SDK client, with HOME in a temp folder (real DENO_DIR). */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { assert, assertEquals } from "../core/assert.ts";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { outputsFor, runCli } from "./cli.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";
import { EXPECTED_TOOLS } from "../mcp/client.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const denoDir = await realDenoDir();

async function withUserHome(fn: (env: Record<string, string>, dir: string) => Promise<void>) {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-mcp-e2e-" }));
  try {
    await fn({ HOME: dir, XDG_CONFIG_HOME: join(dir, ".config") }, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function spawnArgs(args: string[]) {
  return ["run", "--quiet", ...RUN_FLAGS, MAIN, ...args];
}

Deno.test("stdio session: the seed's conversational workflow, shared draft with the CLI, bad input survived", () =>
  withUserHome(async (env) => {
    const transport = new StdioClientTransport({
      command: Deno.execPath(),
      args: spawnArgs(["serve"]),
      env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...env },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (b: Uint8Array) => (stderr += new TextDecoder().decode(b)));
    const client = new Client({ name: "e2e", version: "1" });
    const transportErrors: string[] = [];
    client.onerror = (e: Error) => transportErrors.push(e.message);
    await client.connect(transport);
    const results: string[] = [];
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const r = await client.callTool({ name, arguments: args }) as any;
      results.push(JSON.stringify(r));
      assert.ok(!r.isError, `${name}: ${r.content?.[0]?.text}`);
      assertEquals(JSON.parse(r.content[0].text), r.structuredContent);
      return r.structuredContent;
    };
    try {
      assertEquals(client.getServerVersion()?.name, "mcp-orchestration");
      assertEquals((await call("initialize_keys")).status, "created");
      assert.ok((await call("list_available_servers", { transport_filter: "stdio" })).count >= 10);
      await call("add_server_to_config", {
        client_id: "claude-desktop",
        server_id: "filesystem",
        params: { allowed_directory: env.HOME },
      });
      await call("add_server_to_config", { client_id: "claude-desktop", server_id: "memory" });
      await call("add_server_to_config", {
        client_id: "claude-desktop",
        server_id: "github",
        env_vars: '{"GITHUB_PERSONAL_ACCESS_TOKEN":"ghp_e2eToken0123456789"}',
      });
      assertEquals((await call("view_draft_config")).server_count, 3);

      // The CLI sees the draft the server wrote, and the server sees what the CLI adds.
      const cliView = await runCli(["view-draft", "--format", "json"], env);
      assertEquals(cliView.json.servers.sort(), ["filesystem", "github", "memory"], cliView.stderr);
      const cliAdd = await runCli(["add-server", "time", "--format", "json"], env);
      assertEquals(cliAdd.code, 0, cliAdd.stdout + cliAdd.stderr);
      assertEquals((await call("view_draft_config")).servers.sort(), [
        "filesystem",
        "github",
        "memory",
        "time",
      ]);
      await call("remove_server_from_config", { client_id: "claude-desktop", server_name: "time" });

      assertEquals((await call("validate_config")).valid, true);
      const pub = await call("publish_config", { client_id: "claude-desktop", changelog: "three servers" });
      assertEquals([pub.status, pub.version], ["published", 1]);
      const dep = await call("deploy_config", { client_id: "claude-desktop" });
      assertEquals(dep.status, "deployed");
      assert.ok(dep.config_path.startsWith(env.HOME), dep.config_path);
      const onDisk = JSON.parse(await Deno.readTextFile(dep.config_path));
      assertEquals(Object.keys(onDisk.mcpServers).sort(), ["filesystem", "github", "memory"]);
      assertEquals(
        (await call("get_deployment_status", { client_id: "claude-desktop" })).targets[0].state,
        "up-to-date",
      );

      await call("remove_server_from_config", { client_id: "claude-desktop", server_name: "memory" });
      await call("publish_config", { client_id: "claude-desktop", changelog: "without memory" });
      await call("deploy_config", { client_id: "claude-desktop" });
      const hist = await call("list_deployment_history");
      assertEquals(hist.deployments.length, 2);
      const rb = await call("rollback_deployment", { client_id: "claude-desktop" });
      assertEquals([rb.status, rb.artifact_id], ["deployed", pub.artifact_id]);
      const cliStatus = await runCli(["status", "--client", "claude-desktop", "--format", "json"], env);
      assertEquals(cliStatus.json.targets[0].deployed_artifact_id, pub.artifact_id, cliStatus.stdout);

      // Bad input: the server answers with error documents and keeps serving.
      // An unknown tool is a protocol error (-32602), and the server keeps serving.
      const unknown = await client.callTool({ name: "no_such_tool", arguments: {} }).catch((
        e: { code?: number },
      ) => e) as { code?: number };
      assertEquals(unknown.code, -32602);
      const wrong = await client.callTool({ name: "deploy_config", arguments: { dry_run: "maybe" } }) as any;
      assertEquals([wrong.isError, JSON.parse(wrong.content[0].text).error], [true, "invalid_input"]);
      assertEquals((await call("list_profiles")).profiles.length, 1);
      // Every stdout line parsed as a JSON-RPC message (a non-JSON line would reach onerror).
      assertEquals(transportErrors, []);
      assert.match(stderr, /serving MCP on stdio/);
      // The token lives in secrets.json and in the Claude Desktop file (no reference syntax), both 0600,
      // and in no tool result, CLI output or server log.
      assertEquals((await call("verify_config", { all: true })).status, "verified");
      await assertSecretsContained({
        dir: env.HOME,
        home: join(env.HOME, ".mcp-orchestration"),
        literalFiles: [dep.config_path],
        outputs: [...results, stderr, ...outputsFor(env.HOME)],
      });
    } finally {
      await client.close();
    }
  }));

/** Writes raw lines to a bare `mcp-orchestration` (no arguments, stdin a pipe) and reads every stdout line. */
async function rawSession(args: string[], env: Record<string, string>, lines: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: spawnArgs(args),
    env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(lines.join("\n") + "\n"));
  await w.close();
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("bare invocation with piped stdin serves; malformed lines get JSON-RPC errors; --home works", () =>
  withUserHome(async (env, dir) => {
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    };
    const lines = [
      JSON.stringify(init),
      JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
      "{this is not json",
      '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_config","arguments":{"profile_id":["x"]}}}',
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"initialize_keys","arguments":{}}}',
      '{"id":4,"method":"tools/list"}',
      '{"jsonrpc":"2.0","id":5,"method":"tools/list"}',
    ];
    const other = join(dir, "state-elsewhere");
    const r = await rawSession(["--home", other], env, lines);
    assertEquals(r.code, 0, r.stderr);
    const msgs = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    for (const m of msgs) assertEquals(m.jsonrpc, "2.0");
    const byId = new Map(msgs.filter((m) => m.id !== undefined && m.id !== null).map((m) => [m.id, m]));
    assertEquals(byId.get(1).result.serverInfo.name, "mcp-orchestration");
    assertEquals(byId.get(2).result.isError, true);
    assertEquals(byId.get(3).result.structuredContent.home, other);
    assertEquals(byId.get(5).result.tools.length, EXPECTED_TOOLS.length);
    // JSON-RPC 2.0: the parse error carries id null, the invalid request its readable id (this test
    // asserted both without an id before).
    assertEquals(msgs.filter((m) => m.id === null && m.error).map((m) => m.error.code), [-32700]);
    assertEquals(byId.get(4).error.code, -32600);
    assertEquals(msgs.filter((m) => m.id === undefined).length, 0);
    assert.match(r.stderr, /Parse error/);
    // MCP_ORCHESTRATION_HOME chooses the state folder too.
    const viaEnv = join(dir, "state-env");
    const r2 = await rawSession(["serve"], { ...env, MCP_ORCHESTRATION_HOME: viaEnv }, [lines[0], lines[4]]);
    const m3 = r2.stdout.trimEnd().split("\n").map((l) => JSON.parse(l)).find((m) => m.id === 3);
    assertEquals(m3.result.structuredContent.home, viaEnv);
  }));
