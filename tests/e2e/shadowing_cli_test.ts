/** Shadowing through the real CLI under the compiled binary's permission flags (each command narrows
 * its own): deploy reads opencode's `opencode.jsonc` and refuses (exit 6, `shadowed`), and the read-only
 * `status` reads it too and says `shadowed`. */
import { join } from "node:path";
import { assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";
import { withScenarioHome } from "./scenarios.ts";

Deno.test("real CLI: an opencode.jsonc entry of the same name: deploy exits 6 (shadowed), --force writes, status says shadowed", () =>
  withScenarioHome(async ({ run, env, dir }) => {
    await run(["init"]);
    await run(["add-server", "memory", "--client", "opencode"]);
    await run(["publish-config", "--client", "opencode"]);
    const jsonc = join(dir, ".config", "opencode", "opencode.jsonc");
    await Deno.mkdir(join(dir, ".config", "opencode"), { recursive: true });
    await Deno.writeTextFile(jsonc, '// mine\n{"mcp": {"memory": {"type": "local", "command": ["mine"]}}}\n');
    const refused = await runCli(["deploy-config", "--client", "opencode", "--format", "json"], env);
    assertEquals(refused.code, 6, refused.stdout + refused.stderr);
    const doc = JSON.parse(refused.stderr.trim() || refused.stdout);
    assertEquals([doc.error, doc.details.shadowed[0].file], ["shadowed", jsonc]);
    await run(["deploy-config", "--client", "opencode", "--force"]);
    const st = (await run(["status", "--client", "opencode"])).json.targets[0];
    assertEquals([st.state, st.shadowed_servers], ["shadowed", [
      { server: "memory", file: jsonc, place: "opencode.jsonc" },
    ]]);
  }));
