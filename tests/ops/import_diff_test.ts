import { join } from "node:path";
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { importConfig } from "../../src/ops/import_config.ts";
import { diffConfig } from "../../src/ops/diff_config.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { publishDraft } from "../../src/ops/publish_draft.ts";
import { publish } from "../../src/deploy/publish.ts";
import { init } from "../../src/ops/init.ts";
import { viewDraft } from "../../src/ops/view_draft.ts";
import { readSecrets } from "../../src/store/secrets.ts";
import { appendDeployment } from "../../src/store/deployments.ts";

const KEY = "nk-live-0123456789";
const BROKEN = `{"mcpServers": {"a": {"command": "x"`;

async function claudeFile(h: TempHome, servers: Record<string, unknown>): Promise<string> {
  const path = join(h.userHome, ".config", "Claude", "claude_desktop_config.json");
  await Deno.mkdir(join(h.userHome, ".config", "Claude"), { recursive: true });
  await Deno.writeTextFile(
    path,
    JSON.stringify({ globalShortcut: "Ctrl+Space", mcpServers: servers }, null, 2),
  );
  return path;
}

Deno.test("import-config: reads the client's file into the draft, secrets to secrets.json, bad entries skipped", () =>
  withHome(async (h) => {
    const d = h.deps();
    await claudeFile(h, {
      notes: { command: "node", args: ["/opt/notes.js"], env: { NOTES_API_KEY: KEY, NOTES_DIR: "/srv" } },
      remote: {
        command: "npx",
        args: ["-y", "mcp-remote", "https://r.example/mcp", "--header", "Authorization:Bearer tok0123456789"],
      },
      broken: { args: ["x"] },
    });
    const r = await importConfig(d, {});
    assertEquals([r.imported, r.skipped, r.secrets_stored], [["notes", "remote"], ["broken"], [
      "NOTES_API_KEY",
      "REMOTE_TOKEN",
    ]]);
    assertEquals(await readSecrets(d), { NOTES_API_KEY: KEY, REMOTE_TOKEN: "tok0123456789" });
    const v = await viewDraft(d, {});
    assertEquals(v.entries[0].entry, {
      command: "node",
      args: ["/opt/notes.js"],
      env: { NOTES_API_KEY: "${NOTES_API_KEY}", NOTES_DIR: "/srv" },
    });
    assertEquals(v.entries[1].entry, {
      type: "http",
      url: "https://r.example/mcp",
      headers: { Authorization: "Bearer ${REMOTE_TOKEN}" },
    });
    const draftText = await Deno.readTextFile(join(h.home, "drafts", "claude-desktop", "default.json"));
    assert.ok(!draftText.includes(KEY) && !draftText.includes("tok0123456789"));
    // A second import keeps the draft's entries unless --replace.
    const again = await importConfig(d, {});
    assertEquals([again.imported, again.server_count], [[], 2]);
    assertEquals((await importConfig(d, { replace: true })).imported, ["notes", "remote"]);
    // Errors: missing file, unparsable file, unknown client.
    await assertRejectsCode(
      () => importConfig(d, { configPath: join(h.userHome, "none.json") }),
      "unreadable_file",
    );
    const bad = join(h.userHome, "bad.json");
    await Deno.writeTextFile(bad, BROKEN);
    await assertRejectsCode(() => importConfig(d, { configPath: bad }), "config_parse_error");
    await assertRejectsCode(() => importConfig(d, { client: "nope" }), "client_not_found");
  }));

Deno.test("diff-config: draft vs publish, file, artifact and deployed; deterministic, secrets redacted", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const none = await diffConfig(d, { client: "claude-desktop" });
    assertEquals(none.status, "unknown");
    await addServer(d, { id: "tool", command: "t", args: ["a", "b"], env: { API_KEY: KEY, MODE: "x" } });
    await addServer(d, { id: "memory" });
    const v1 = await publishDraft(d, { client: "claude-desktop" });
    assertEquals((await diffConfig(d, { client: "claude-desktop" })).status, "up-to-date");
    await addServer(d, {
      id: "tool",
      replace: true,
      command: "t",
      args: ["a", "c"],
      env: { API_KEY: "nk-live-9999999999", MODE: "y" },
    });
    await addServer(d, { id: "time" });
    const r = await diffConfig(d, { client: "claude-desktop" });
    assertEquals(r.status, "diverged");
    assertEquals([r.servers_added, r.servers_removed, r.servers_unchanged], [["time"], [], ["memory"]]);
    assertEquals(r.servers_modified, [{
      name: "tool",
      changes: [{ path: "args[1]", old: "b", new: "c" }, { path: "env.MODE", old: "x", new: "y" }],
    }]);
    assert.match(r.recommendation, /publish-config --client claude-desktop --profile default/);
    const v2 = await publishDraft(d, { client: "claude-desktop" });
    // --artifact-id: an older version is "outdated".
    const old = await diffConfig(d, {
      client: "claude-desktop",
      mode: "artifact",
      artifactId: v1.artifact_id.slice(0, 10),
    });
    assertEquals([old.status, old.from?.artifact_id, old.to?.version], ["outdated", v1.artifact_id, 2]);
    assert.match(old.recommendation, /deploy-config/);
    // --deployed: the last deployment record of this client/profile.
    assertEquals((await diffConfig(d, { client: "claude-desktop", mode: "deployed" })).status, "unknown");
    await appendDeployment(d, {
      deployment_id: "20260101T000000000Z-aaaaaa",
      action: "deploy",
      client_id: "claude-desktop",
      profile_id: "default",
      artifact_id: v1.artifact_id,
      config_path: "/x",
      scope: "user",
      deployed_at: "2026-01-01T00:00:00Z",
      managed: {},
      changes: { added: [], updated: [], removed: [] },
      pre_image_sha256: null,
      post_image_sha256: "0",
      forced: false,
      secrets: "literal",
    });
    const dep = await diffConfig(d, { client: "claude-desktop", mode: "deployed" });
    assertEquals([dep.status, dep.servers_removed, dep.servers_added], ["outdated", [], ["time"]]);
    // --file: a client file holding the literal secret compares equal to the published reference.
    const foreign = await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { z: { command: "z" } } },
    });
    assertEquals(
      (await diffConfig(d, { client: "claude-desktop", mode: "artifact", artifactId: foreign.artifact_id }))
        .status,
      "diverged",
    );
    const path = await claudeFile(h, {
      tool: { command: "t", args: ["a", "c"], env: { API_KEY: "nk-live-9999999999", MODE: "hand" } },
      memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] },
      mine: { command: "mine" },
    });
    const f = await diffConfig(d, { client: "claude-desktop", mode: "file", file: path });
    assertEquals([f.status, f.servers_added, f.servers_removed, f.servers_unchanged], ["diverged", ["time"], [
      "mine",
    ], ["memory"]]);
    assertEquals(f.servers_modified, [{
      name: "tool",
      changes: [{ path: "env.MODE", old: "hand", new: "y" }],
    }]);
    assert.ok(!JSON.stringify(f).includes("nk-live-9999999999"));
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        mcpServers: {
          tool: { command: "t", args: ["a", "c"], env: { API_KEY: "other-literal-1", MODE: "y" } },
        },
      }),
    );
    const red = await diffConfig(d, { client: "claude-desktop", mode: "file", file: path });
    assertEquals(red.servers_modified[0].changes, [{ path: "env.API_KEY", old: "***", new: "***" }]);
    assertEquals(v2.version, 2);
  }));
