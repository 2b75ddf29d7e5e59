/** The `--dry-run` diff applies with the real `git apply` to the file it was computed from and gives
 * exactly the bytes the deploy then writes. */
import { assert, assertEquals } from "../core/assert.ts";
import { dirname, join, relative } from "node:path";
import { withHome } from "../helpers/home.ts";
import { gitApply, stripFor } from "../helpers/git_apply.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { getClient } from "../../src/clients/registry.ts";

const PAYLOAD = {
  mcpServers: { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] } },
};
const HAND = '{\n  "editor.fontSize": 14,\n  "mcpServers": {\n    "mine": { "command": "my-tool" }\n  }\n}';
const LONG = "{\n" + Array.from({ length: 300 }, (_, i) => `  "setting${i}": ${i},\n`).join("") +
  '  "mcpServers": {}\n}\n';

const cases: [string, string | null, string][] = [
  ["no final newline", HAND, "cursor"],
  ["CRLF", HAND.replaceAll("\n", "\r\n") + "\r\n", "cursor"],
  ["BOM", "\uFEFF" + HAND + "\n", "cursor"],
  ["change at the end of a long file", LONG, "cursor"],
  ["empty file", "", "cursor"],
  ["file created", null, "cursor"],
  ["TOML, CRLF", '# mine\r\nmodel = "o3"\r\n\r\n[mcp_servers.mine]\r\ncommand = "x"\r\n', "codex"],
  ["YAML, no final newline", "# settings\nmodel: x", "goose"],
];

for (const [name, before, clientId] of cases) {
  Deno.test(`dry-run diff applies with git apply: ${name} (${clientId})`, () =>
    withHome(async (h) => {
      const d = h.deps();
      const path = getClient(clientId).configPath("linux", h.env);
      if (before !== null) {
        await Deno.mkdir(dirname(path), { recursive: true });
        await Deno.writeTextFile(path, before);
      }
      await init(d);
      await publish(d, { client: clientId, profile: "default", payload: PAYLOAD });
      const dry = await deploy(d, { client: clientId, dryRun: true });
      assert.ok(dry.diff, "the dry run shows a change");
      // The diff names the file by its absolute path: apply it to a copy under a mirror folder.
      const mirror = await Deno.makeTempDir({ prefix: "mcpo-mirror-" });
      try {
        const copy = join(mirror, relative(h.userHome, path));
        await Deno.mkdir(dirname(copy), { recursive: true });
        if (before !== null) await Deno.copyFile(path, copy);
        const got = await gitApply(mirror, dry.diff, stripFor(h.userHome));
        assert.ok(got.ok, `git apply failed: ${got.stderr}\n${dry.diff}`);
        await deploy(d, { client: clientId });
        assertEquals(await Deno.readFile(copy), await Deno.readFile(path));
      } finally {
        await Deno.remove(mirror, { recursive: true });
      }
    }));
}
