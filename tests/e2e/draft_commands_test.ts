import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { withScenarioHome } from "./scenarios.ts";

const NEW = [
  "list-servers",
  "describe-server",
  "registry",
  "check-install",
  "install-server",
  "add-server",
  "remove-server",
  "view-draft",
  "clear-draft",
  "import-config",
  "validate-config",
  "diff-config",
];

Deno.test("new commands: --help, one JSON document per run, usage errors exit 2", () =>
  withScenarioHome(async ({ env, run, dir }) => {
    for (const c of NEW) {
      const h = await runCli([c, "--help"], env);
      assertEquals(h.code, 0, c);
      assert.match(h.stdout, new RegExp(`Usage: mcp-orchestration ${c}`));
    }
    const file = join(dir, "server.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        name: "io.example/hello",
        description: "Hello",
        version: "1.0.0",
        packages: [{ registryType: "pypi", identifier: "hello-mcp", transport: { type: "stdio" } }],
      }),
    );
    assertEquals((await run(["registry", "import", file])).json.imported[0].id, "hello");
    assertEquals((await run(["describe-server", "hello", "--client", "codex"])).json.usage_example.snippet, {
      mcp_servers: { hello: { command: "uvx", args: ["hello-mcp"] } },
    });
    assertEquals((await run(["install-server", "hello"])).json.command, "uv tool install hello-mcp");
    assertEquals(typeof (await run(["check-install", "hello"])).json.installed, "boolean");
    assertEquals(
      (await run(["add-server", "x", "--client", "nope", "--command", "x"], 3)).json.error,
      "client_not_found",
    );
    assertEquals(
      (await run(["add-server", "x", "--env", "novalue", "--command", "x"], 2)).json.error,
      "usage",
    );
    assertEquals((await run(["diff-config", "cursor", "--draft", "--deployed"], 2)).json.error, "usage");
    assertEquals((await run(["registry", "export", file], 2)).json.error, "usage");
    assertEquals((await run(["remove-server", "nope"], 3)).json.error, "server_not_found");
    const text = await runCli(["validate-config"], env);
    assertEquals(text.code, 4);
    assert.match(text.stdout, /EMPTY_CONFIG/);
  }));
