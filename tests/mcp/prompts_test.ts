import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "./client.ts";

Deno.test("prompts produce messages that use our tools, with the defaults of the seed", () =>
  withMcp(async ({ client }) => {
    const { tools } = await client.listTools() as { tools: { name: string }[] };
    const names = tools.map((t) => t.name);
    const m = await client.getPrompt({ name: "migrate_config", arguments: { client_id: "cursor" } });
    const text = (m.messages[0].content as { text: string }).text;
    assert.match(text, /cursor/);
    for (const t of ["import_client_config", "validate_config", "publish_config", "deploy_config"]) {
      assert.ok(text.includes(t), t);
    }
    const t2 = await client.getPrompt({ name: "troubleshoot_config", arguments: { server_name: "github" } });
    const text2 = (t2.messages[0].content as { text: string }).text;
    assert.match(text2, /claude-desktop/);
    assert.match(text2, /"github"/);
    const used = [...text.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g), ...text2.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)]
      .map((x) => x[0]).filter((w) =>
        w.endsWith("_config") || w.startsWith("get_") || w.startsWith("list_") || w.endsWith("_server")
      );
    for (const u of used) assert.ok(names.includes(u), `prompt mentions ${u}, which is not a tool`);
    assertEquals(m.messages[0].role, "user");
  }));
