/** Issue 14, the everyday verbs: ranked catalogue search, disable/enable, set-server, one profile for many
 * clients, status per client. Through the real CLI in a temp HOME. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
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
