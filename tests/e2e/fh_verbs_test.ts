/** Issue 14, the everyday verbs: ranked catalogue search, disable/enable, set-server, one profile for many
 * clients, status per client. Through the real CLI in a temp HOME. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { realClientEnv, realClientTest, runClient } from "./real_clients.ts";
import { withScenarioHome } from "./scenarios.ts";

Deno.test("list-servers --search git lists git and github first, not every io.github.* server", () =>
  withScenarioHome(async ({ run }) => {
    const r = await run(["list-servers", "--search", "git"]);
    const ids = r.json.servers.map((s: { id: string }) => s.id);
    assertEquals(ids.slice(0, 2), ["git", "github"]);
    assert.ok(ids.length < 5, ids.join(" "));
    assertEquals(r.json.count, ids.length);
  }));

Deno.test("status: a client given another client's artifact follows that profile and is behind its next publish; a replaced profile says so; list-clients shows deployed profiles", () =>
  withScenarioHome(async ({ run, env }) => {
    await run(["init"]);
    await run(["add-server", "memory", "--client", "claude-code"]);
    const v1 = (await run(["publish-config", "--client", "claude-code"])).json.artifact_id;
    await run(["deploy-config", "--client", "claude-code"]);
    await run(["deploy-config", "--client", "codex", "--artifact-id", v1]);
    const row = async (client: string, profile = "default") =>
      (await run(["status", "--client", client])).json.targets.find((t: { profile_id: string }) =>
        t.profile_id === profile
      );
    const fresh = await row("codex");
    assertEquals([fresh.state, fresh.follows, fresh.behind], ["up-to-date", "claude-code/default", false]);
    await run(["add-server", "time", "--client", "claude-code"]);
    const v2 = (await run(["publish-config", "--client", "claude-code"])).json.artifact_id;
    const codex = await row("codex");
    assertEquals([codex.state, codex.behind, codex.latest_artifact_id, codex.deployed_artifact_id], [
      "outdated",
      true,
      v2,
      v1,
    ]);
    const text = await runCli(["status", "--client", "codex"], env);
    assert.match(text.stdout, /outdated \(behind claude-code\/default v2\)/);
    // Another profile deployed to the same file: the first one is "replaced", not "not-deployed".
    await run(["deploy-config", "--client", "claude-code", "--profile", "work", "--artifact-id", v2]);
    const old = await row("claude-code");
    assertEquals([old.state, old.deployed_artifact_id, old.detail], [
      "replaced",
      v1,
      'replaced by profile "work"',
    ]);
    const clients = (await run(["list-clients"])).json.clients;
    const codexRow = clients.find((c: { client_id: string }) => c.client_id === "codex");
    assertEquals([codexRow.profiles, codexRow.deployed_profiles], [["default"], ["default"]]);
    const cc = clients.find((c: { client_id: string }) => c.client_id === "claude-code");
    assertEquals(cc.deployed_profiles, ["work"]);
    assert.match((await runCli(["list-clients"], env)).stdout, /\ncodex +Codex CLI .* default /);
  }));

Deno.test("set-server changes one field of a draft server; a secret given with --env lands in secrets.json only", () =>
  withScenarioHome(async ({ run, home, env }) => {
    const token = "ghp_setServerFAKEtoken0123456789ABCDEFGH";
    const draftFile = join(home, "drafts", "codex", "default.json");
    await run(["add-server", "filesystem", "--client", "codex", "--param", "allowed_directory=/tmp/a"]);
    await run([
      "add-server",
      "github",
      "--client",
      "codex",
      "--env",
      `GITHUB_PERSONAL_ACCESS_TOKEN=${token}`,
    ]);
    await run([
      "add-server",
      "tools",
      "--client",
      "codex",
      "--command",
      "node",
      "--arg",
      "/x.js",
      "--env",
      "DEBUG=1",
    ]);
    const fs = await run([
      "set-server",
      "filesystem",
      "--client",
      "codex",
      "--param",
      "allowed_directory=/tmp/b",
    ]);
    assertEquals([fs.json.action, fs.json.changed, fs.json.servers], [
      "updated",
      ["param.allowed_directory"],
      [
        "filesystem",
        "github",
        "tools",
      ],
    ]);
    // A catalogue server keeps the secret it references when another field changes.
    await run(["set-server", "github", "--client", "codex", "--env", "LOG_LEVEL=debug"]);
    const newToken = "ghp_setServerNEWtoken0123456789ABCDEFGHI";
    const gh = await run([
      "set-server",
      "github",
      "--client",
      "codex",
      "--env",
      `GITHUB_PERSONAL_ACCESS_TOKEN=${newToken}`,
    ]);
    assertEquals(gh.json.secrets_stored, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    const key = "sk-setServerFAKEkey0123456789abcdef";
    const tools = await run([
      "set-server",
      "tools",
      "--client",
      "codex",
      "--arg",
      "/y.js",
      "--arg",
      "-v",
      "--env",
      `API_KEY=${key}`,
      "--unset-env",
      "DEBUG",
    ]);
    assertEquals(tools.json.secrets_stored, ["API_KEY"]);
    const draft = JSON.parse(await Deno.readTextFile(draftFile));
    const [f, g, t] = draft.servers;
    assertEquals(f.entry.args.at(-1), "/tmp/b");
    assertEquals(g.entry.env, {
      GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PERSONAL_ACCESS_TOKEN}",
      LOG_LEVEL: "debug",
    });
    assertEquals([t.entry.args, t.entry.env, t.env], [["/y.js", "-v"], { API_KEY: "${API_KEY}" }, {}]);
    const text = await Deno.readTextFile(draftFile);
    for (const s of [token, newToken, key]) assert.ok(!text.includes(s), "no secret in the draft");
    const secrets = JSON.parse(await Deno.readTextFile(join(home, "secrets.json")));
    assertEquals([secrets.GITHUB_PERSONAL_ACCESS_TOKEN, secrets.API_KEY], [newToken, key]);
    for (const s of [newToken, key]) assert.ok(!JSON.stringify(tools.json).includes(s));
    // Refusals: an unknown server, nothing to change, --arg on a catalogue server, --param on a custom one.
    assertEquals(
      (await run(["set-server", "nope", "--client", "codex", "--env", "A=1"], 3)).json.error,
      "server_not_found",
    );
    assertEquals((await run(["set-server", "tools", "--client", "codex"], 2)).json.error, "invalid_input");
    assertEquals(
      (await run(["set-server", "github", "--client", "codex", "--arg", "x"], 2)).json.error,
      "invalid_input",
    );
    assertEquals(
      (await run(["set-server", "tools", "--client", "codex", "--param", "a=1"], 2)).json.error,
      "invalid_input",
    );
    assert.match(
      (await runCli(["set-server", "tools", "--client", "codex", "--env", "B=2"], env)).stdout,
      /Updated tools: env.B/,
    );
  }));

/** Our CLI in the real client's temp home: publish a draft with memory on and time disabled, deploy. */
async function deployWithDisabled(home: string, client: string) {
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), CODEX_HOME: join(home, ".codex") };
  const run = async (args: string[], code = 0) => {
    const r = await runCli([...args, "--format", "json"], env);
    assertEquals(r.code, code, `${args.join(" ")}:\n${r.stdout}${r.stderr}`);
    return r.json;
  };
  await run(["init"]);
  await run(["add-server", "memory", "--client", client]);
  await run(["add-server", "time", "--client", client]);
  const off = await run(["disable-server", "time", "--client", client]);
  assertEquals(off.disabled, ["time"]);
  const pub = await run(["publish-config", "--client", client]);
  const artifact = await run(["get-config", client]);
  assertEquals(artifact.payload.mcpServers.time.disabled, true, "the signed payload holds the switch");
  const dep = await run(["deploy-config", "--client", client]);
  assertEquals([dep.disabled, dep.left_out], [["time"], []]);
  return { run, env, artifactId: pub.artifact_id };
}

realClientTest(
  "disable-server: the real `codex mcp list --json` shows the server disabled",
  "codex",
  async (bin, home) => {
    await Deno.mkdir(join(home, ".codex"));
    const { run } = await deployWithDisabled(home, "codex");
    const toml = await Deno.readTextFile(join(home, ".codex", "config.toml"));
    assert.match(toml.slice(toml.indexOf("[mcp_servers.time]")), /^enabled = false$/m);
    const out = await runClient(bin, ["mcp", "list", "--json"], realClientEnv(home, bin), home);
    assertEquals(out.code, 0, out.text);
    const list = JSON.parse(out.stdout);
    const enabled = Object.fromEntries(
      list.map((s: { name: string; enabled: boolean }) => [s.name, s.enabled]),
    );
    assertEquals(enabled, { memory: true, time: false });
    // Ours, not drift; import keeps it disabled; doctor skips it.
    const st = (await run(["status", "--client", "codex"])).targets[0];
    assertEquals([st.state, st.drifted_servers], ["up-to-date", []]);
    await run(["import-config", "--client", "codex", "--profile", "back"]);
    const draft = JSON.parse(
      await Deno.readTextFile(join(home, ".mcp-orchestration", "drafts", "codex", "back.json")),
    );
    assertEquals(draft.servers.find((s: { name: string }) => s.name === "time").disabled, true);
    const doc = await run(["doctor", "--client", "codex", "--server", "time"]);
    assertEquals([doc.servers[0].status, doc.servers[0].cause], ["skipped", "disabled"]);
    // enable-server, publish and deploy switch it back on.
    await run(["enable-server", "time", "--client", "codex"]);
    await run(["publish-config", "--client", "codex"]);
    await run(["deploy-config", "--client", "codex"]);
    assert.ok(!/enabled = false/.test(await Deno.readTextFile(join(home, ".codex", "config.toml"))));
  },
);

realClientTest(
  "disable-server: the real `gemini mcp list` shows the excluded server blocked",
  "gemini",
  async (bin, home) => {
    await Deno.mkdir(join(home, ".gemini"));
    const settings = join(home, ".gemini", "settings.json");
    await Deno.writeTextFile(settings, '{\n  "mcp": { "excluded": ["theirs"] }\n}\n');
    const { run } = await deployWithDisabled(home, "gemini-cli");
    const doc = JSON.parse(await Deno.readTextFile(settings));
    assertEquals(doc.mcp.excluded, ["theirs", "time"], "the user's name is kept, ours appended");
    assertEquals(Object.keys(doc.mcpServers), ["memory", "time"]);
    const out = await runClient(bin, ["mcp", "list"], realClientEnv(home, bin), home);
    assert.match(out.text, /time: .*Blocked/, out.text);
    assert.ok(!/memory: .*Blocked/.test(out.text), out.text);
    const st = (await run(["status", "--client", "gemini-cli"])).targets[0];
    assertEquals(st.state, "up-to-date");
    assertEquals((await run(["diff-config", "gemini-cli", "--file", settings])).status, "up-to-date");
    await run(["import-config", "--client", "gemini-cli", "--profile", "back"]);
    const draft = JSON.parse(
      await Deno.readTextFile(join(home, ".mcp-orchestration", "drafts", "gemini-cli", "back.json")),
    );
    assertEquals(draft.servers.map((s: { name: string; disabled?: boolean }) => [s.name, !!s.disabled]), [
      ["memory", false],
      ["time", true],
    ]);
    await run(["enable-server", "time", "--client", "gemini-cli"]);
    await run(["publish-config", "--client", "gemini-cli"]);
    await run(["deploy-config", "--client", "gemini-cli"]);
    assertEquals(JSON.parse(await Deno.readTextFile(settings)).mcp.excluded, ["theirs"]);
  },
);

Deno.test("disable-server: a client without a switch (cursor) gets the server left out, and the deploy says so", () =>
  withScenarioHome(async ({ run, dir }) => {
    await run(["init"]);
    await run(["add-server", "memory", "--client", "cursor"]);
    await run(["add-server", "time", "--client", "cursor"]);
    await run(["publish-config", "--client", "cursor"]);
    await run(["deploy-config", "--client", "cursor"]);
    await run(["disable-server", "time", "--client", "cursor"]);
    await run(["publish-config", "--client", "cursor"]);
    const dep = (await run(["deploy-config", "--client", "cursor"])).json;
    assertEquals([dep.left_out, dep.changes.removed], [["time"], ["time"]]);
    assert.ok(
      dep.warnings.some((w: string) => /no switch.*time is left out/.test(w)),
      dep.warnings.join("\n"),
    );
    const file = JSON.parse(await Deno.readTextFile(join(dir, ".cursor", "mcp.json")));
    assertEquals(Object.keys(file.mcpServers), ["memory"]);
    const st = (await run(["status", "--client", "cursor"])).json.targets[0];
    const diff = (await run(["diff-config", "cursor", "--file", join(dir, ".cursor", "mcp.json")])).json;
    assertEquals([diff.status, diff.servers_added], ["up-to-date", []], "nor is it missing from the file");
    assertEquals(st.state, "up-to-date", "a server left out is not drift");
  }));

Deno.test("deploy-config --client a --client b / --all: one artifact to each, a result per client, the worst exit code", () =>
  withScenarioHome(async ({ run, dir, env }) => {
    for (const d of [".codex", ".cursor", ".gemini"]) await Deno.mkdir(join(dir, d));
    // cursor holds a "memory" entry of the user's own: that client is refused, the others are not.
    await Deno.writeTextFile(
      join(dir, ".cursor", "mcp.json"),
      '{"mcpServers":{"memory":{"command":"mine"}}}\n',
    );
    await run(["init"]);
    await run(["add-server", "memory", "--client", "claude-code"]);
    const pub = (await run(["publish-config", "--client", "claude-code"])).json;
    const many = await run([
      "deploy-config",
      "--client",
      "claude-code",
      "--client",
      "codex",
      "--client",
      "cursor",
    ], 6);
    assertEquals(many.json.source, "claude-code/default");
    assertEquals(
      many.json.results.map((r: any) => [r.client_id, r.ok, r.status, r.error ?? null]),
      [["claude-code", true, "deployed", null], ["codex", true, "deployed", null], [
        "cursor",
        false,
        "refused",
        "drift_detected",
      ]],
    );
    assert.ok(many.json.results.every((r: any) => !r.ok || r.artifact_id === pub.artifact_id));
    assertEquals(JSON.parse(await Deno.readTextFile(join(dir, ".cursor", "mcp.json"))).mcpServers.memory, {
      command: "mine",
    });
    assert.match(await Deno.readTextFile(join(dir, ".codex", "config.toml")), /\[mcp_servers\.memory\]/);
    // --all: every installed client (claude-code, cursor, codex, gemini-cli here).
    const all = await run(["deploy-config", "--all", "--dry-run"], 6);
    assertEquals(all.json.results.map((r: any) => r.client_id).sort(), [
      "claude-code",
      "codex",
      "cursor",
      "gemini-cli",
    ]);
    const text = await runCli(["deploy-config", "--client", "codex", "--client", "cursor"], env);
    assertEquals(text.code, 6);
    assert.match(text.stdout, /== cursor\nrefused: .*\[drift_detected\]/);
    // One --client: the single output, as before.
    const one = await run(["deploy-config", "--client", "codex", "--artifact-id", pub.artifact_id]);
    assertEquals([one.json.status, one.json.results], ["unchanged", undefined]);
    assertEquals((await run(["deploy-config"], 2)).json.error, "invalid_input");
    assertEquals((await run(["deploy-config", "--all", "--client", "codex"], 2)).json.error, "invalid_input");
  }));
