/**
 * Issue 15: the REAL Claude Code drives the whole MCP workflow against our `serve`. The model is a
 * scripted fake of the Anthropic Messages API on 127.0.0.1 (tests/e2e/fake_model.ts): each of its answers
 * is the next tool call, so what runs for real is Claude Code itself (`claude -p`: MCP client, tool
 * listing, permission check, tool calls, relaying results back to the model) and our server, started by
 * Claude Code from an --mcp-config entry written exactly as `connect claude-code` writes it
 * (src/platform/self_command.ts: `deno run --quiet <RUN_FLAGS> main.ts serve --home <state>` with
 * `env: {DENO_NO_UPDATE_CHECK: "1"}`). The deploys go to Claude
 * Desktop, never to the ~/.claude.json the running Claude Code owns. Skipped, saying so, when claude is
 * not installed (.ci/run installs it from npm when it can; MCPO_REAL_CLIENTS points at it).
 *
 * Offline, found by running claude 2.1.x behind a proxy that connects nowhere (startProxyTrap): with
 * ANTHROPIC_BASE_URL at the fake and ANTHROPIC_API_KEY set, `claude -p` needs no login. Without
 * CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 it tries api.anthropic.com (telemetry, feature flags) five
 * times and sends a side request for a session title (which the fake answers without advancing the
 * script); with it, nothing. DISABLE_AUTOUPDATER=1 is set for good measure (-p made no update check).
 * The `deno run` of our server itself asks dl.deno.land for a newer Deno unless DENO_NO_UPDATE_CHECK=1:
 * found by this test, so the entry `connect` writes for a `deno run` install now sets it (claude's own
 * environment here does not, so the trap would see the request if the entry lost it). The test asserts that no request went
 * anywhere but 127.0.0.1, and that the real home is untouched.
 *
 * The GitHub token reaches the server as a tool argument, as when a user pastes it into the chat: so it
 * is in Claude Code's own session transcript (~/.claude/projects, in the temp home), which is not ours;
 * the test asserts it is in no tool result, not in claude's output, and in the state folder only in
 * secrets.json.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { selfCommand } from "../../src/platform/self_command.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { EXPECTED_TOOLS } from "../mcp/client.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";
import { realClientEnv, realClientTest, runClient } from "./real_clients.ts";
import { startFakeModel, startProxyTrap, type Step, type ToolResult } from "./fake_model.ts";

const TOKEN = "ghp_claudeDrivesToken0123456789abcdef";
const CLIENT = "claude-desktop";
const FINAL = "The workflow is done: three servers deployed to Claude Desktop, then rolled back.";

/** The entries of the real home that a leak would create or change (a client's or our own folder). */
async function realHomeSnapshot(): Promise<string[]> {
  const real = Deno.env.get("HOME");
  if (!real) return [];
  const out: string[] = [];
  const list = async (dir: string) => {
    try {
      for await (const e of Deno.readDir(dir)) out.push(`${dir}/${e.name}`);
    } catch { /* absent */ }
  };
  await list(real);
  await list(join(real, ".claude"));
  await list(join(real, ".claude", "projects"));
  return out.filter((p) => /claude|mcp-orchestration|codex|gemini/i.test(p)).sort();
}

realClientTest(
  "the real Claude Code drives the whole workflow (keys → add → publish → deploy → rollback) over MCP",
  "claude",
  async (bin, home) => {
    const before = await realHomeSnapshot();
    const state = join(home, ".mcp-orchestration");
    const allowed = join(home, "projects");
    await Deno.mkdir(allowed);

    // The script, labelled: each step is what a model would call next, some using earlier results.
    const labels: string[] = [];
    const steps: Step[] = [];
    const step = (label: string, s: Step) => (labels.push(label), steps.push(s));
    const of = (rs: ToolResult[], label: string) => rs.find((r) => r.step === labels.indexOf(label))!.json;
    const call = (tool: string, args: Record<string, unknown> = {}) => ({ tool, arguments: args });
    step("keys", call("initialize_keys"));
    step("list", call("list_available_servers", { search_query: "file" }));
    step("describe", call("describe_server", { server_id: "filesystem" }));
    step(
      "add_fs",
      call("add_server_to_config", {
        client_id: CLIENT,
        server_id: "filesystem",
        params: { allowed_directory: [allowed] },
      }),
    );
    step("add_memory", call("add_server_to_config", { client_id: CLIENT, server_id: "memory" }));
    step(
      "add_github",
      call("add_server_to_config", {
        client_id: CLIENT,
        server_id: "github",
        env_vars: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN },
      }),
    );
    step("view", call("view_draft_config", { client_id: CLIENT, profile_id: "default" }));
    step("validate", call("validate_config", { client_id: CLIENT }));
    step("publish1", call("publish_config", { client_id: CLIENT, changelog: "three servers" }));
    step("get", call("get_config", { client_id: CLIENT }));
    step("verify", (rs) => call("verify_config", { artifact_id: of(rs, "publish1").artifact_id }));
    // A misread call: `profile` for `profile_id`. It must fail naming the key, and deploy nothing.
    step("typo", call("deploy_config", { client_id: CLIENT, profile: "default" }));
    step("status0", call("get_deployment_status", { client_id: CLIENT }));
    step("dry", call("deploy_config", { client_id: CLIENT, dry_run: true }));
    step("deploy1", call("deploy_config", { client_id: CLIENT }));
    step("status1", call("get_deployment_status", { client_id: CLIENT }));
    step("remove", call("remove_server_from_config", { client_id: CLIENT, server_name: "memory" }));
    step("publish2", call("publish_config", { client_id: CLIENT, changelog: "no memory" }));
    step(
      "deploy2",
      (rs) => call("deploy_config", { client_id: CLIENT, artifact_id: of(rs, "publish2").artifact_id }),
    );
    step("history", call("list_deployment_history", { client_id: CLIENT, limit: 10 }));
    step(
      "details",
      (rs) => call("get_deployment_details", { deployment_id: of(rs, "deploy1").deployment_id }),
    );
    step("rollback", call("rollback_deployment", { client_id: CLIENT }));
    step("status2", call("get_deployment_status", { client_id: CLIENT }));

    const model = startFakeModel({ steps, finalText: FINAL });
    const trap = startProxyTrap();
    let out: Awaited<ReturnType<typeof runClient>> | undefined;
    try {
      const mcpConfig = join(home, "mcp-config.json");
      const self = selfCommand();
      await Deno.writeTextFile(
        mcpConfig,
        JSON.stringify({
          mcpServers: {
            // What `connect` writes (its command, arguments and environment), with our state folder.
            mcpo: { command: self.command, args: [...self.args, "--home", state], env: self.env },
          },
        }),
      );
      const env = {
        ...realClientEnv(home, bin),
        XDG_CONFIG_HOME: join(home, ".config"),
        DENO_DIR: await realDenoDir(),
        ANTHROPIC_BASE_URL: model.url,
        ANTHROPIC_API_KEY: "sk-ant-fake-for-tests",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
        // No DENO_NO_UPDATE_CHECK here: the entry's own env must keep `deno run` from phoning home.
        HTTPS_PROXY: trap.url,
        HTTP_PROXY: trap.url,
        NO_PROXY: "127.0.0.1,localhost",
      };
      const run = out = await runClient(
        bin,
        [
          "-p",
          "Set up filesystem, memory and github for Claude Desktop with mcp-orchestration, deploy, then roll back.",
          "--mcp-config",
          mcpConfig,
          "--strict-mcp-config",
          "--allowedTools",
          "mcp__mcpo",
        ],
        env,
        home,
        60_000,
      );

      // Claude Code ran the whole script and printed the model's final text.
      assertEquals(model.errors, []);
      assertEquals(run.code, 0, "claude exit code");
      assert.ok(run.stdout.includes(FINAL), "claude printed the final text");
      const r = model.results;
      assertEquals(r.map((x) => x.step), steps.map((_, i) => i), "one tool result per step, in order");
      const res = (label: string) => r[labels.indexOf(label)];
      const json = (label: string) => {
        const x = res(label);
        assert.ok(!x.isError, `${label} (${x.tool}) failed: ${x.text}`);
        assert.ok(x.json !== undefined, `${label}: the result is not JSON: ${x.text}`);
        return x.json;
      };
      for (const l of labels) if (l !== "typo") json(l);

      // It saw our tools and their schemas.
      const offered = model.tools.filter((t) => t.name.startsWith("mcp__mcpo__"));
      assertEquals(
        EXPECTED_TOOLS.filter((n) => !offered.some((t) => t.name === `mcp__mcpo__${n}`)),
        [],
        "tools Claude Code did not offer the model",
      );
      const deploySchema = offered.find((t) => t.name === "mcp__mcpo__deploy_config")!.input_schema;
      assert.ok(deploySchema.properties.profile_id, "deploy_config's schema has profile_id");
      assert.ok(deploySchema.properties.client_id.enum.includes(CLIENT), "client_id is an enum of clients");

      // What Claude Code relayed back, step by step.
      assertEquals(json("keys").status, "created");
      assert.ok(json("list").servers.some((s: { id: string }) => s.id === "filesystem"));
      assertEquals(json("describe").id, "filesystem");
      assertEquals([json("add_fs").client_id, json("add_fs").action], [CLIENT, "added"]);
      assertEquals([json("add_github").server_count, json("add_github").secrets_stored], [3, [
        "GITHUB_PERSONAL_ACCESS_TOKEN",
      ]]);
      assertEquals(json("view").servers.sort(), ["filesystem", "github", "memory"]);
      assertEquals([json("validate").valid, json("validate").server_count], [true, 3]);
      const p1 = json("publish1");
      assertEquals([p1.status, p1.version, p1.server_count], ["published", 1, 3]);
      assert.ok(
        res("publish1").blocks.some((b) => b.includes("config://claude-desktop/default/latest")),
        "Claude Code relays the resource link to the published artifact",
      );
      assertEquals([json("get").artifact_id, json("get").version], [p1.artifact_id, 1]);
      assertEquals(json("verify").status, "verified");
      const typo = res("typo");
      assertEquals(typo.isError, true, `the misspelled key must come back as an error: ${typo.text}`);
      assertEquals([typo.json?.error, typo.json?.details?.unknown], ["invalid_input", ["profile"]]);
      assert.match(typo.json.message, /"profile".*did you mean "profile_id"/);
      assertEquals(json("status0").targets.map((t: any) => t.state), ["not-deployed"], "the typo deployed");
      assertEquals([json("dry").status, json("dry").deployment_id], ["dry_run", null]);
      const dep1 = json("deploy1");
      assertEquals([dep1.status, dep1.artifact_id], ["deployed", p1.artifact_id]);
      assertEquals(dep1.config_path, join(home, ".config", "Claude", "claude_desktop_config.json"));
      assertEquals(json("status1").targets.map((t: any) => t.state), ["up-to-date"]);
      const p2 = json("publish2");
      assertEquals([p2.status, p2.version, p2.server_count], ["published", 2, 2]);
      const dep2 = json("deploy2");
      assertEquals([dep2.status, dep2.artifact_id, dep2.changes.removed], ["deployed", p2.artifact_id, [
        "memory",
      ]]);
      assertEquals(
        json("history").deployments.map((d: any) => d.deployment_id),
        [dep2.deployment_id, dep1.deployment_id],
        "exactly the two deploys, newest first (the typo and the dry run logged nothing)",
      );
      assertEquals([json("details").artifact_id, json("details").action], [p1.artifact_id, "deploy"]);
      assertEquals([json("rollback").status, json("rollback").artifact_id], ["deployed", p1.artifact_id]);
      assertEquals(json("status2").targets.map((t: any) => t.state), ["outdated"]);

      // The files: Claude Desktop's file really holds the rolled-back set; Claude Code's own file has
      // none of them.
      const file = JSON.parse(await Deno.readTextFile(dep1.config_path));
      assertEquals(Object.keys(file.mcpServers).sort(), ["filesystem", "github", "memory"]);
      assert.ok(JSON.stringify(file.mcpServers.filesystem).includes(allowed), "filesystem's directory");
      // Claude Desktop expands no ${VAR}: the token is there literally, in a file only the user can read.
      assertEquals(file.mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN, TOKEN);
      if (Deno.build.os !== "windows") assertEquals((await Deno.stat(dep1.config_path)).mode! & 0o777, 0o600);
      const own = await Deno.readTextFile(join(home, ".claude.json")).catch(() => "");
      assert.ok(!/server-filesystem|server-memory|github/.test(own), "nothing deployed into ~/.claude.json");

      // The token: in no tool result, not in claude's output, in the state folder only in secrets.json.
      const holders = await assertSecretsContained({
        dir: state,
        home: state,
        outputs: [...r.map((x) => x.text), run.text],
        values: [TOKEN],
      });
      assertEquals(holders, [join(state, "secrets.json")]);

      // Only 127.0.0.1, and never the real home.
      assertEquals(trap.seen, [], "requests that tried to leave 127.0.0.1");
      assertEquals(await realHomeSnapshot(), before, "the real home changed");
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(
        `${msg}\n\n${model.describe()}\nproxy attempts: ${
          JSON.stringify(trap.seen)
        }\nclaude (exit ${out?.code}):\n${out?.text.slice(0, 4000) ?? "(no output: it did not finish)"}`,
        { cause: e },
      );
    } finally {
      trap.close();
      await model.close();
    }
  },
);
