/** Every tool's error path: isError with the CLI's {error, message, details} document; the server keeps serving. */
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";

Deno.test("each tool fails with the op's stable error code, and the server keeps serving", () =>
  withMcp(async ({ ok, fail, client }) => {
    await fail("publish_config", { client_id: "claude-desktop" }, "validation_failed");
    await ok("initialize_keys");
    const cases: [string, Record<string, unknown>, string][] = [
      ["list_profiles", { client_id: "Bad Name!" }, "invalid_input"],
      ["get_config", {}, "profile_not_found"],
      ["get_config", { client_id: "claude-desktop", artifact_id: "zz" }, "profile_not_found"],
      ["diff_config", { mode: "file" }, "invalid_input"],
      ["list_available_servers", { transport_filter: "carrier-pigeon" }, "invalid_input"],
      ["describe_server", { server_id: "filesystm" }, "server_not_found"],
      [
        "add_server_to_config",
        { client_id: "claude-desktop", server_id: "no-such-server" },
        "server_not_found",
      ],
      [
        "add_server_to_config",
        { client_id: "claude-desktop", server_id: "memory", env_vars: "{not json" },
        "invalid_input",
      ],
      [
        "add_server_to_config",
        { client_id: "claude-desktop", server_id: "memory", params: "[1,2]" },
        "invalid_input",
      ],
      ["add_server_to_config", { server_id: "memory", client_id: "no-such-client" }, "client_not_found"],
      [
        "remove_server_from_config",
        { client_id: "claude-desktop", server_name: "ghost" },
        "server_not_found",
      ],
      ["view_draft_config", { profile_id: "../etc" }, "invalid_input"],
      ["clear_draft_config", { client_id: "Bad Name!" }, "invalid_input"],
      ["validate_config", { profile_id: "Bad Name!" }, "invalid_input"],
      ["publish_config", { client_id: "claude-desktop" }, "validation_failed"],
      ["deploy_config", { client_id: "claude-desktop" }, "profile_not_found"],
      ["check_server_installation", { server_id: "nope" }, "server_not_found"],
      ["get_deployment_status", { client_id: "no-such-client" }, "client_not_found"],
      ["list_deployment_history", { client_id: "no-such-client" }, "client_not_found"],
      ["get_deployment_details", { deployment_id: "20990101T000000000Z-abcdef" }, "deployment_not_found"],
      ["rollback_deployment", { client_id: "claude-desktop" }, "deployment_not_found"],
      ["verify_config", {}, "invalid_input"],
      ["import_client_config", { client_id: "no-such-client" }, "client_not_found"],
      ["install_server", { server_id: "nope" }, "server_not_found"],
    ];
    const wrong: string[] = [];
    for (const [name, args, code] of cases) {
      const r = await client.callTool({ name, arguments: args }) as any;
      const doc = r.isError ? JSON.parse(r.content[0].text) : null;
      if (doc) assertEquals(Object.keys(doc).sort(), ["details", "error", "message"]);
      if (doc?.error !== code) {
        wrong.push(`${name} ${JSON.stringify(args)}: ${r.content[0].text.slice(0, 200)}`);
      }
    }
    assertEquals(wrong, []);
    // Secrets never echo back in an error.
    const bad = await fail(
      "add_server_to_config",
      { client_id: "claude-desktop", server_id: "github", env_vars: '{"X": "ghp_leak' },
      "invalid_input",
    );
    assert.ok(!JSON.stringify(bad).includes("ghp_leak"));
    // Still serving.
    assertEquals((await ok("list_profiles")).profiles, []);
  }));

Deno.test("SDK-level failures (wrong types, missing required) are error documents too", () =>
  withMcp(async ({ fail, ok }) => {
    await fail("get_config", { client_id: 42 }, "invalid_input");
    await fail("deploy_config", { client_id: "claude-desktop", dry_run: "yes" }, "invalid_input");
    await fail("describe_server", {}, "invalid_input");
    await fail("list_deployment_history", { limit: 0 }, "invalid_input");
    assertEquals((await ok("list_clients")).clients.length > 10, true);
  }));

Deno.test("drift: deploy_config stops with drift_detected unless force", () =>
  withMcp(async ({ ok, fail }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "memory" });
    await ok("publish_config", { client_id: "claude-desktop" });
    const d = await ok("deploy_config", { client_id: "claude-desktop" });
    const text = await Deno.readTextFile(d.config_path);
    await Deno.writeTextFile(d.config_path, text.replace('"memory": {', '"memory": {"disabled": true, '));
    const drift = await fail("deploy_config", { client_id: "claude-desktop" }, "drift_detected");
    assert.ok(Array.isArray(drift.details.conflicts));
    assertEquals((await ok("get_deployment_status")).targets[0].state, "drifted");
    assertEquals(
      (await ok("deploy_config", { client_id: "claude-desktop", force: true })).status,
      "deployed",
    );
  }));
