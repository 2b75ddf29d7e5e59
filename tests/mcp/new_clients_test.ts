/**
 * The four clients of issue 17 over the MCP server (in-process): a draft, a publish and a deploy for
 * each, into a file that does not exist yet; each file has the client's own shape. Continue's new file
 * starts from the skeleton cn requires (name, version, schema).
 */
import { assertEquals } from "../core/assert.ts";
import { parse as parseJsonc } from "jsonc-parser";
import { parse as parseYaml } from "yaml";
import { withMcp } from "./client.ts";

Deno.test("over MCP: deploy_config to qwen-code, amp, auggie, kilo-code and a fresh continue file", () =>
  withMcp(async ({ ok }) => {
    await ok("initialize_keys");
    const files: Record<string, string> = {};
    for (const client_id of ["qwen-code", "amp", "auggie", "kilo-code", "continue"]) {
      await ok("add_server_to_config", { client_id, server_id: "memory", params: "{}" });
      await ok("add_server_to_config", {
        client_id,
        server_id: "docs",
        transport: "http",
        url: "https://mcp.example.com/mcp",
      });
      assertEquals((await ok("publish_config", { client_id })).status, "published");
      const dep = await ok("deploy_config", { client_id });
      assertEquals([dep.status, dep.changes.added.sort()], ["deployed", ["docs", "memory"]], client_id);
      files[client_id] = await Deno.readTextFile(dep.config_path);
    }
    const qwen = JSON.parse(files["qwen-code"]).mcpServers;
    assertEquals(qwen.docs, { httpUrl: "https://mcp.example.com/mcp" }, "qwen reads `url` as SSE");
    assertEquals(qwen.memory.command, "npx");
    const amp = JSON.parse(files.amp);
    assertEquals(Object.keys(amp), ["amp.mcpServers"], "one literal top-level key");
    assertEquals(amp["amp.mcpServers"].docs, { url: "https://mcp.example.com/mcp" });
    const auggie = JSON.parse(files.auggie).mcpServers;
    assertEquals([auggie.memory.type, auggie.docs.type], ["stdio", "http"]);
    const kilo = parseJsonc(files["kilo-code"]).mcp;
    assertEquals(kilo.docs, { type: "remote", url: "https://mcp.example.com/mcp", enabled: true });
    assertEquals([kilo.memory.type, kilo.memory.command[0]], ["local", "npx"]);
    const cont = parseYaml(files.continue);
    assertEquals([cont.name, cont.version, cont.schema], ["Local Config", "1.0.0", "v1"]);
    assertEquals(cont.mcpServers.map((s: { name: string }) => s.name).sort(), ["docs", "memory"]);
  }));
