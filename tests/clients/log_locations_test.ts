/** Each client's own MCP log folder is data in its record, shown by list-clients per OS, verified or not. */
import { assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { getClient } from "../../src/clients/registry.ts";
import { logFolder } from "../../src/clients/logs.ts";

Deno.test("log folders per client and OS: known, verified or not, or none", () => {
  const env = { HOME: "/h", USERPROFILE: "C:\\Users\\a", APPDATA: "C:\\Users\\a\\AppData\\Roaming" };
  const at = (id: string, os: "linux" | "darwin" | "windows", e: Record<string, string> = env) =>
    logFolder(getClient(id).logs, os, e, "/p");
  assertEquals(at("claude-desktop", "darwin"), "/h/Library/Logs/Claude");
  assertEquals(at("claude-desktop", "windows"), "C:\\Users\\a\\AppData\\Roaming\\Claude\\logs");
  assertEquals(at("claude-desktop", "linux"), null, "no Linux build");
  assertEquals(at("claude-code", "linux"), "/h/.cache/claude-cli-nodejs");
  assertEquals(at("claude-code", "darwin"), "/h/Library/Caches/claude-cli-nodejs");
  assertEquals(at("codex", "linux", { ...env, CODEX_HOME: "/c" }), "/c/log");
  assertEquals(at("crush", "linux"), "/p/.crush/logs");
  assertEquals(at("gemini-cli", "linux"), null, "stderr only with --debug");
  assertEquals(at("cursor", "linux"), null, "not known: not guessed");
});

Deno.test("list-clients shows the log folder in JSON and text", () =>
  withHome(async (h) => {
    const r = await cli(h, ["list-clients", "--client", "codex", "--format", "json"]);
    const c = r.json.clients[0];
    assertEquals([c.log_folder, c.log_files, c.log_verified], [
      `${h.userHome}/.codex/log`,
      ["codex-tui.log"],
      true,
    ]);
    const zed = (await cli(h, ["list-clients", "--client", "zed", "--format", "json"])).json.clients[0];
    assertEquals([zed.log_folder, zed.log_verified], [`${h.userHome}/.local/share/zed/logs`, false]);
    const text = (await cli(h, ["list-clients"])).stdout;
    assertEquals(text.includes(`${h.userHome}/.local/share/zed/logs (not verified)`), true);
  }));
