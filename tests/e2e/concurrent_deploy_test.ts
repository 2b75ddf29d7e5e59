/** Two processes deploying into the same file at once never lose an update or tear the file. */
import { assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";

Deno.test("concurrent deploys to one file from two processes: both updates land, the file always parses", async () => {
  const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-conc-" }));
  try {
    const env = { HOME: home };
    const file = join(home, "shared", "mcp.json");
    await Deno.mkdir(join(home, "shared"));
    await Deno.writeTextFile(file, '{\n  "keep": true,\n  "mcpServers": {}\n}\n');
    assertEquals((await runCli(["init"], env)).code, 0);
    const rounds = 6;
    for (let i = 0; i < rounds; i++) {
      for (const [client, name] of [["cursor", "a"], ["lm-studio", "b"]]) {
        const f = join(home, `${client}-${i}.json`);
        await Deno.writeTextFile(
          f,
          JSON.stringify({ mcpServers: { [`${name}-${i}`]: { command: "echo", args: [String(i)] } } }),
        );
        const p = await runCli(
          ["publish-config", "--client", client, "--profile", `p${i}`, "--file", f],
          env,
        );
        assertEquals(p.code, 0, p.stderr);
      }
    }
    for (let i = 0; i < rounds; i++) {
      const [x, y] = await Promise.all(
        ["cursor", "lm-studio"].map((c) =>
          runCli([
            "deploy-config",
            "--client",
            c,
            "--profile",
            `p${i}`,
            "--config-path",
            file,
            "--force",
            "--format",
            "json",
          ], env)
        ),
      );
      assertEquals([x.code, y.code], [0, 0], x.stdout + y.stdout);
      const doc = JSON.parse(await Deno.readTextFile(file));
      // Each client's current profile is there; the earlier ones were swapped out; nothing else lost.
      assertEquals(Object.keys(doc.mcpServers).sort(), [`a-${i}`, `b-${i}`]);
      assertEquals(doc.keep, true);
    }
    const hist = await runCli(["history", "--client", "cursor", "--format", "json"], env);
    assertEquals(hist.json.total, rounds);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
