import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import {
  assertTokenOnlyInSecrets,
  filesUnder,
  SCENARIO_TOKEN,
  scenarioA,
  withScenarioHome,
} from "./scenarios.ts";
import { outputsFor } from "./cli.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";

Deno.test("scenario A from the CLI alone: build, validate, publish; the token lives only in secrets.json", () =>
  withScenarioHome(async (ctx) => {
    const a = await scenarioA(ctx);
    await assertTokenOnlyInSecrets(a);
    await assertSecretsContained({ dir: ctx.dir, home: ctx.home, outputs: outputsFor(ctx.dir) });
  }));

Deno.test("scenario A to the end: deploy to claude-desktop, restart hint; the token only where it must be", () =>
  withScenarioHome(async (ctx) => {
    const a = await scenarioA(ctx);
    const dep = await a.run(["deploy-config", "--client", "claude-desktop"]);
    assertEquals(dep.json.status, "deployed");
    assertEquals(dep.json.changes.added, ["filesystem", "memory", "github"]);
    assert.match(dep.json.restart_hint, /Claude Desktop/);
    const file = join(ctx.dir, ".config", "Claude", "claude_desktop_config.json");
    const servers = JSON.parse(await Deno.readTextFile(file)).mcpServers;
    assertEquals(Object.keys(servers), ["filesystem", "memory", "github"]);
    // Claude Desktop has no reference syntax: the value is written there, in a 0600 file.
    assertEquals(servers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN, SCENARIO_TOKEN);
    assertEquals((await Deno.stat(file)).mode! & 0o777, 0o600);
    const holders = [];
    for (const f of await filesUnder(ctx.dir)) {
      if ((await Deno.readTextFile(f)).includes(SCENARIO_TOKEN)) holders.push(f);
    }
    assertEquals(holders.sort(), [file, join(ctx.home, "secrets.json")].sort());
    // No command output carried it either.
    for (
      const args of [
        ["status"],
        ["history", "--client", "claude-desktop"],
        ["get-config", "claude-desktop"],
        ["view-draft", "--client", "claude-desktop"],
        ["diff-config", "claude-desktop", "--deployed"],
      ]
    ) {
      const r = await a.run(args);
      assert.ok(
        !r.stdout.includes(SCENARIO_TOKEN) && !r.stderr.includes(SCENARIO_TOKEN),
        `${args[0]} printed the token`,
      );
    }
    const det = await a.run(["history", "--deployment", dep.json.deployment_id]);
    assertEquals([det.json.deployment_id, det.json.artifact_id], [
      dep.json.deployment_id,
      dep.json.artifact_id,
    ]);
    await a.run(["history"], 2);
    const st = await a.run(["status", "--client", "claude-desktop"]);
    assertEquals(st.json.targets[0].state, "up-to-date");
    await a.run(["verify", "--all"]);
    await assertSecretsContained({
      dir: ctx.dir,
      home: ctx.home,
      literalFiles: [file],
      outputs: outputsFor(ctx.dir),
    });
  }));
