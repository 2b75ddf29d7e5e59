/** The MCP door of sharing: list_remotes, push_profiles, pull_profiles and sync_profiles on remotes the
 * user configured (no tool takes a URL: remote add is CLI only). */
import { assert, assertEquals } from "../core/assert.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { call } from "../../src/ops/spec.ts";
import { op as remoteOp } from "../../src/ops/specs/remote.ts";
import { bareRepo, CREDENTIAL_URLS, gitAt, machine, SERVERS_V1, SERVERS_V2 } from "./machines.ts";

Deno.test("MCP: list_remotes, push_profiles and pull_profiles work on configured remotes; no tool adds a URL", async () => {
  const repo = await bareRepo();
  const b = await machine();
  try {
    await withMcp(async (t) => {
      const { key_id } = await init(t.deps);
      assertEquals((await t.ok("list_remotes")).remotes, []);
      await t.fail("push_profiles", { client_id: "claude-code", profile_id: "team" }, "remote_not_found");
      await call(remoteOp, t.deps, {
        action: "add",
        name: "origin",
        url: `https://user:s3cret-token@git.example.com/x.git`,
      }, { door: "cli" });
      await call(remoteOp, t.deps, { action: "add", name: "team", url: repo.dir }, { door: "cli" });
      const listed = await t.ok("list_remotes");
      assertEquals(listed.remotes.map((r: any) => [r.name, r.url]), [
        ["origin", "https://***@git.example.com/x.git"],
        ["team", repo.dir],
      ]);
      // The sharing tools take a configured remote's name, never a URL or a path.
      const tools: any[] = (await t.client.listTools()).tools;
      const props = (n: string) =>
        Object.keys(tools.find((x: any) => x.name === n)!.inputSchema.properties ?? {}).sort();
      assertEquals(props("list_remotes"), []);
      assertEquals(props("pull_profiles"), ["remote"]);
      assertEquals(props("sync_profiles"), ["dry_run", "remote"]);
      assertEquals(props("push_profiles"), ["all", "client_id", "profile_id", "remote"]);
      assert.ok(!tools.some((x: any) => /remote_add|add_remote/.test(x.name)));
      await publish(t.deps, {
        client: "claude-code",
        profile: "team",
        payload: { mcpServers: SERVERS_V1 } as any,
        changelog: "v1",
      });
      const pushed = await t.ok("push_profiles", {
        remote: "team",
        client_id: "claude-code",
        profile_id: "team",
      });
      assertEquals([pushed.status, pushed.profiles[0].version], ["pushed", 1]);
      assertEquals(await gitAt(repo.dir, ["log", "-1", "--format=%s", "main"]), "claude-code/team v1: v1");
      const pulled = await t.ok("pull_profiles", { remote: "team" });
      assertEquals(pulled.status, "up-to-date");
      const synced = await t.ok("sync_profiles", { remote: "team" });
      assertEquals([synced.pull.status, synced.deploys, synced.exit_code], ["up-to-date", [], 0]);
      // Deployed at v1, then v2 published here: a dry run says what the deploy would change, writes nothing.
      const deployed = await t.ok("deploy_config", { client_id: "claude-code", profile_id: "team" });
      assertEquals(deployed.status, "deployed");
      await publish(t.deps, {
        client: "claude-code",
        profile: "team",
        payload: { mcpServers: SERVERS_V2 } as any,
        changelog: "v2",
      });
      const file = `${t.home.userHome}/.claude.json`;
      const before = await Deno.readTextFile(file);
      const dry = await t.ok("sync_profiles", { remote: "team", dry_run: true });
      const d = dry.deploys[0];
      assertEquals([d.status, d.version, d.changes.added, d.changes.unchanged], ["dry_run", 2, ["time"], [
        "memory",
      ]]);
      assert.match(d.diff, /^\+.*"time"/m);
      assertEquals(await Deno.readTextFile(file), before);
      // Another machine trusting this key pulls what the tool pushed.
      await Deno.writeFile(
        `${b.h.home}/keys/trusted/${key_id}.pub`,
        await Deno.readFile(`${t.home.home}/keys/signing.pub`),
      );
      await b.remoteAdd("origin", repo.dir);
      assertEquals((await b.pull()).profiles.map((p: any) => p.status), ["new"]);
    });
  } finally {
    await b.cleanup();
    await repo.cleanup();
  }
});

Deno.test("MCP: list_remotes never shows a remote URL's token or password, in any form; a plain ssh user shows", async () => {
  await withMcp(async (t) => {
    await init(t.deps);
    for (const [name, url] of CREDENTIAL_URLS) {
      await call(remoteOp, t.deps, { action: "add", name, url }, { door: "cli" });
    }
    const listed = await t.ok("list_remotes");
    assertEquals(
      listed.remotes.map((r: any) => [r.name, r.url]).sort(),
      CREDENTIAL_URLS.map(([n, , shown]) => [n, shown]).sort(),
    );
    assert.ok(!/SECRET|w0rd|p@ss/.test(JSON.stringify(listed)));
  });
});
