/** Issue 14, the everyday verbs: ranked catalogue search, disable/enable, set-server, one profile for many
 * clients, status per client. Through the real CLI in a temp HOME. */
import { assert, assertEquals } from "../core/assert.ts";
import { withScenarioHome } from "./scenarios.ts";

Deno.test("list-servers --search git lists git and github first, not every io.github.* server", () =>
  withScenarioHome(async ({ run }) => {
    const r = await run(["list-servers", "--search", "git"]);
    const ids = r.json.servers.map((s: { id: string }) => s.id);
    assertEquals(ids.slice(0, 2), ["git", "github"]);
    assert.ok(ids.length < 5, ids.join(" "));
    assertEquals(r.json.count, ids.length);
  }));
