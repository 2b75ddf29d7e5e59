import { assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publishFromFile } from "../../src/ops/publish_file.ts";
import { getConfig } from "../../src/ops/get_config.ts";

Deno.test("publish --file reads another client's shape: VS Code JSONC, Codex TOML, Continue YAML", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const vs = join(h.userHome, "mcp.json");
    await Deno.writeTextFile(
      vs,
      `// vscode\n{ "servers": { "gh": { "type": "http", "url": "https://api.example.com/mcp", }, }, "inputs": [] }\n`,
    );
    await publishFromFile(d, { client: "vscode", profile: "default", file: vs });
    assertEquals((await getConfig(d, { client: "vscode" })).payload, {
      mcpServers: { gh: { type: "http", url: "https://api.example.com/mcp" } },
    });
    const toml = join(h.userHome, "config.toml");
    await Deno.writeTextFile(
      toml,
      `model = "x"\n[mcp_servers.time]\ncommand = "uvx"\nargs = ["mcp-server-time"]\n`,
    );
    await publishFromFile(d, { client: "codex", profile: "default", file: toml });
    assertEquals((await getConfig(d, { client: "codex" })).payload, {
      mcpServers: { time: { command: "uvx", args: ["mcp-server-time"] } },
    });
    const yml = join(h.userHome, "config.yaml");
    await Deno.writeTextFile(
      yml,
      `name: a\nmcpServers:\n  - name: mem\n    command: npx\n    args: [-y, "@modelcontextprotocol/server-memory"]\n`,
    );
    await publishFromFile(d, { client: "continue", profile: "default", file: yml, fromClient: "continue" });
    assertEquals(Object.keys((await getConfig(d, { client: "continue" })).payload.mcpServers), ["mem"]);
    const none = join(h.userHome, "none.json");
    await Deno.writeTextFile(none, `{"other": 1}`);
    await assertRejectsCode(
      () => publishFromFile(d, { client: "cursor", profile: "default", file: none }),
      "invalid_input",
    );
    await assertRejectsCode(
      () => publishFromFile(d, { client: "cursor", profile: "default", file: "../x.json" }),
      "path_not_allowed",
    );
  }));
