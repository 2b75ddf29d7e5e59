/**
 * For each client: deploy a two-server artifact (stdio with env, remote) into a
 * realistic existing file, and check the shape, that every other byte is unchanged, that a second deploy
 * changes nothing, that another profile swaps only the managed servers, and that rollback and restore
 * bring back the earlier state.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { dirname, join } from "node:path";
import { tempHome } from "../helpers/home.ts";
import { ALL_CLIENTS } from "../../src/clients/registry.ts";
import { codecFor } from "../../src/clients/codecs/mod.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { rollback } from "../../src/ops/rollback.ts";
import { status } from "../../src/ops/status.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { unifiedDiff } from "../../src/core/text_diff.ts";

const FIXTURES = new URL("../fixtures/clients/", import.meta.url);
const A = {
  mcpServers: {
    "local-tool": {
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-memory"],
      env: { MEMORY_FILE_PATH: "/tmp/mem.json", API_TOKEN: "${API_TOKEN}" },
    },
    "remote-docs": { type: "http", url: "https://mcp.example.com/mcp", headers: { "X-Team": "blue" } },
  },
};
const B = { mcpServers: { time: { command: "uvx", args: ["mcp-server-time"] } } };
const SECRET = "tok-5ecret-value-123";

/** Every line the edit removed must come back with only a comma added (JSON's separator). */
function assertOnlyInsertions(before: string, after: string, id: string) {
  const diff = unifiedDiff(before, after, id, 0).split("\n").slice(2);
  const removed = diff.filter((l) => l.startsWith("-")).map((l) => l.slice(1));
  const added = new Set(diff.filter((l) => l.startsWith("+")).map((l) => l.slice(1)));
  for (const r of removed) assert.ok(added.has(r + ","), `${id}: the line ${JSON.stringify(r)} was changed`);
}

for (const client of ALL_CLIENTS) {
  Deno.test(`deploy into ${client.id}: shape, byte preservation, idempotence, profile swap, rollback, restore`, async () => {
    const h = await tempHome();
    try {
      const d = h.deps();
      const path = client.configPath("linux", h.env);
      const fixture = [...Deno.readDirSync(FIXTURES)].find((e) => e.name.startsWith(client.id + "."))!;
      const original = await Deno.readTextFile(new URL(fixture.name, FIXTURES));
      await Deno.mkdir(dirname(path), { recursive: true });
      await Deno.writeTextFile(path, original);
      await init(d);
      await setSecrets(d, { API_TOKEN: SECRET });
      await publish(d, { client: client.id, profile: "default", payload: A });
      await publish(d, { client: client.id, profile: "work", payload: B });
      const codec = codecFor(client.format);

      const r1 = await deploy(d, { client: client.id });
      assertEquals(r1.status, "deployed");
      assertEquals(r1.changes.added.sort(), ["local-tool", "remote-docs"]);
      const t1 = await Deno.readTextFile(path);
      assertOnlyInsertions(original, t1, client.id);
      const servers = codec.readServers(t1, client.servers);
      const users = codec.readServers(original, client.servers);
      assert.ok("my-own" in users, `${client.id}: the fixture's own entry is not read`);
      const mine = (t: string) =>
        Object.keys(codec.readServers(t, client.servers)).filter((n) => !(n in users)).sort();
      assertEquals(mine(t1), ["local-tool", "remote-docs"]);
      // The servers are there in this client's shape: reading them back gives the neutral entries.
      const back = client.parse("local-tool", servers["local-tool"]);
      assertEquals((back as { args?: string[] }).args?.slice(-1), ["@modelcontextprotocol/server-memory"]);
      const env = (back as { env?: Record<string, string> }).env ?? {};
      assertEquals(env.MEMORY_FILE_PATH, "/tmp/mem.json");
      assert.ok(
        env.API_TOKEN === "${API_TOKEN}" || env.API_TOKEN === SECRET,
        `${client.id}: API_TOKEN ${env.API_TOKEN}`,
      );
      if (client.secretSyntax === "none") assertEquals(env.API_TOKEN, SECRET);
      else assert.ok(!t1.includes(SECRET), `${client.id} has a reference syntax but got the literal`);
      const remote = client.parse("remote-docs", servers["remote-docs"]) as { url?: string };
      assertEquals(remote.url, "https://mcp.example.com/mcp");

      // A second deploy of the same artifact changes nothing.
      const r2 = await deploy(d, { client: client.id });
      assertEquals(r2.status, "unchanged");
      assertEquals(await Deno.readTextFile(path), t1);

      // Another profile swaps only the managed servers; the user's entry and every other byte stay.
      const r3 = await deploy(d, { client: client.id, profile: "work" });
      assertEquals([r3.changes.added, r3.changes.removed.sort()], [["time"], ["local-tool", "remote-docs"]]);
      const t3 = await Deno.readTextFile(path);
      assertEquals(mine(t3), ["time"]);
      assertOnlyInsertions(original, t3, client.id);

      // Rollback deploys the artifact before the current one (profile default).
      const r4 = await rollback(d, { client: client.id });
      assert.ok("changes" in r4);
      assertEquals(mine(await Deno.readTextFile(path)), ["local-tool", "remote-docs"]);
      assertEquals(
        (await status(d, { client: client.id, profile: "default" })).targets[0].state,
        "up-to-date",
      );

      // Restore puts back the exact bytes the file had before the rollback, then before the first deploy.
      const r5 = await rollback(d, {
        client: client.id,
        restore: (r4 as { deployment_id: string }).deployment_id,
      });
      assertEquals(r5.status, "restored");
      assertEquals(await Deno.readTextFile(path), t3);
      const backup = await Deno.readTextFile(join(h.home, "backups", r1.backup!.split("/").at(-1)!));
      assertEquals(backup, original);
      // The user's own entries were never touched.
      for (const n of Object.keys(users)) assertEquals(codec.readServers(t3, client.servers)[n], users[n]);
    } finally {
      await h.cleanup();
    }
  });
}
