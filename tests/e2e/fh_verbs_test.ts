/** Issue 14, the everyday verbs: ranked catalogue search, disable/enable, set-server, one profile for many
 * clients, status per client. Through the real CLI in a temp HOME. */
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
