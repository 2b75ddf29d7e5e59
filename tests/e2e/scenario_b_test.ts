import { assert, assertEquals } from "../core/assert.ts";
import { HAND_MADE, scenarioB, withScenarioHome } from "./scenarios.ts";
import { outputsFor } from "./cli.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";

Deno.test("scenario B: import a hand-made Claude Desktop file, add one, diff, publish; the file is untouched", () =>
  withScenarioHome(async (ctx) => {
    const b = await scenarioB(ctx);
    assertEquals(await Deno.readTextFile(b.configPath), HAND_MADE);
    await assertTokenOnlyInSecrets(b);
    // Deploy: the two hand-made servers and every other byte survive; memory is added.
    const dep = await b.run(["deploy-config", "--client", "claude-desktop"]);
    assertEquals(dep.json.status, "deployed");
    assertEquals(dep.json.changes.added, ["memory"]);
    assertEquals(dep.json.changes.unchanged.sort(), ["notes", "weather"]);
    const after = await Deno.readTextFile(b.configPath);
    assert.ok(
      after.startsWith(HAND_MADE.slice(0, HAND_MADE.lastIndexOf("}\n  }"))),
      "the hand-made text changed",
    );
    const doc = JSON.parse(after);
    assertEquals(Object.keys(doc.mcpServers), ["notes", "weather", "memory"]);
    assertEquals(doc.mcpServers.notes.env.NOTES_API_KEY, "nk-handmade-0123456789");
    assertEquals(doc.globalShortcut, "Ctrl+Space");
    await assertTokenOnlyInSecrets(b);
    // The file holds the key literally (Claude Desktop has no reference syntax): it was made private.
    assert.ok(
      dep.json.warnings.some((w: string) => /mode was narrowed/.test(w)),
      JSON.stringify(dep.json.warnings),
    );
    await b.run(["verify", "--all"]);
    await assertSecretsContained({
      dir: ctx.dir,
      home: ctx.home,
      literalFiles: [b.configPath],
      outputs: outputsFor(ctx.dir),
    });
  }));

import { join } from "node:path";
import { filesUnder } from "./scenarios.ts";

async function assertTokenOnlyInSecrets(ctx: { dir: string; home: string; configPath: string }) {
  const holders: string[] = [];
  for (const f of await filesUnder(ctx.dir)) {
    if ((await Deno.readTextFile(f)).includes("nk-handmade-0123456789")) holders.push(f);
  }
  // The user's own file keeps its literal; our state folder holds it only in secrets.json.
  assertEquals(holders, [ctx.configPath, join(ctx.home, "secrets.json")].sort());
}
