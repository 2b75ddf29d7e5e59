/** Issue 14's everyday verbs over MCP: the same ops and error codes as the CLI. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";

Deno.test("set_server_in_config and disable/enable_server_in_config edit one server of a draft", () =>
  withMcp(async ({ ok, fail, home }) => {
    const key = "sk-mcpSetServerFAKEkey0123456789abcd";
    await ok("add_server_to_config", { client_id: "codex", server_id: "memory" });
    const r = await ok("set_server_in_config", {
      client_id: "codex",
      server_name: "memory",
      env_vars: { MEMORY_FILE_PATH: "/tmp/m.json", API_KEY: key },
    });
    assertEquals([r.action, r.changed.sort(), r.secrets_stored], ["updated", [
      "env.API_KEY",
      "env.MEMORY_FILE_PATH",
    ], [
      "API_KEY",
    ]]);
    assert.ok(!JSON.stringify(r).includes(key));
    const draft = await Deno.readTextFile(join(home.home, "drafts", "codex", "default.json"));
    assert.ok(!draft.includes(key) && draft.includes("/tmp/m.json"));
    await fail(
      "set_server_in_config",
      { client_id: "codex", server_name: "nope", env_vars: { A: "1" } },
      "server_not_found",
    );
    await fail("set_server_in_config", { client_id: "codex", server_name: "memory" }, "invalid_input");
    const off = await ok("disable_server_in_config", { client_id: "codex", server_name: "memory" });
    assertEquals([off.action, off.disabled], ["disabled", ["memory"]]);
    assertEquals(
      (await ok("disable_server_in_config", { client_id: "codex", server_name: "memory" })).action,
      "unchanged",
    );
    const on = await ok("enable_server_in_config", { client_id: "codex", server_name: "memory" });
    assertEquals([on.action, on.disabled], ["enabled", []]);
    await fail("enable_server_in_config", { client_id: "codex", server_name: "nope" }, "server_not_found");
  }));

Deno.test("deploy_config takes client_ids: one artifact to each client, one result each", () =>
  withMcp(async ({ ok, fail, home }) => {
    await Deno.mkdir(join(home.userHome, ".codex"));
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "claude-code", server_id: "memory" });
    const pub = await ok("publish_config", { client_id: "claude-code" });
    // An unknown id refuses the whole call before anything is written.
    await fail("deploy_config", { client_ids: ["claude-code", "nope"] }, "client_not_found");
    // codex holds a "memory" entry of the user's own: it is refused, claude-code is deployed.
    await Deno.writeTextFile(
      join(home.userHome, ".codex", "config.toml"),
      '[mcp_servers.memory]\ncommand = "mine"\n',
    );
    const r = await ok("deploy_config", { client_ids: ["claude-code", "codex"] });
    assertEquals(r.results.map((x: any) => [x.client_id, x.ok, x.status, x.error ?? null]), [
      ["claude-code", true, "deployed", null],
      ["codex", false, "refused", "drift_detected"],
    ]);
    assertEquals([r.artifact_id, r.exit_code], [pub.artifact_id, 6]);
    await Deno.writeTextFile(join(home.userHome, ".codex", "config.toml"), "");
    // One id: the one-client result, as with client_id.
    const one = await ok("deploy_config", { client_ids: ["codex"], artifact_id: pub.artifact_id });
    assertEquals([one.status, one.results], ["deployed", undefined]);
    const again = await ok("deploy_config", { client_id: "codex", artifact_id: pub.artifact_id });
    assertEquals(again.status, "unchanged");
    const st = await ok("get_deployment_status", { client_id: "codex" });
    assertEquals([st.targets[0].follows, st.targets[0].behind], ["claude-code/default", false]);
    // A new publish of the profile it follows: codex is behind it.
    await ok("add_server_to_config", { client_id: "claude-code", server_id: "time" });
    const v2 = await ok("publish_config", { client_id: "claude-code" });
    const behind = (await ok("get_deployment_status", { client_id: "codex" })).targets[0];
    assertEquals([behind.state, behind.behind, behind.latest_artifact_id], [
      "outdated",
      true,
      v2.artifact_id,
    ]);
    const codex = (await ok("list_clients")).clients.find((c: any) => c.client_id === "codex");
    assertEquals([codex.profiles, codex.deployed_profiles], [["default"], ["default"]]);
  }));

Deno.test("list_available_servers: search_query git ranks git and github first, not every io.github.* server", () =>
  withMcp(async ({ ok }) => {
    const r = await ok("list_available_servers", { search_query: "git" });
    assertEquals(r.servers.map((s: { id: string }) => s.id), ["git", "github", "deepwiki"]);
  }));
