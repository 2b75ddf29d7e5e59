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
