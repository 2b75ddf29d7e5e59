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
  }));

Deno.test("MCP: the same suggestions and the same case-insensitive client ids", () =>
  withMcp(async ({ ok, fail }) => {
    const s = await fail("add_server_to_config", { server_id: "filsystem" }, "server_not_found");
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
