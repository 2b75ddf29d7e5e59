/** Resources: contents after a workflow, and reading every resource in a fresh home creates nothing. */
import { assert, assertEquals, assertRejects } from "../core/assert.ts";
import { withMcp } from "./client.ts";

async function tree(dir: string, out: string[] = []): Promise<string[]> {
  for await (const e of Deno.readDir(dir)) {
    out.push(`${dir}/${e.name}`);
    if (e.isDirectory) await tree(`${dir}/${e.name}`, out);
  }
  return out.sort();
}

const URIS = [
  "capabilities://server",
  "capabilities://clients",
  "server://registry",
  "server://filesystem",
  "config://claude-desktop/default/draft",
  "config://claude-desktop/default/latest",
  "config://claude-desktop/default/deployed",
  "config://claude-desktop/default/history",
];

Deno.test("reading every resource in a fresh home creates no file or folder", () =>
  withMcp(async ({ client, home }) => {
    const before = await tree(home.userHome);
    for (const uri of URIS) {
      try {
        await client.readResource({ uri });
      } catch (e) {
        // latest / deployed: nothing yet, a JSON-RPC error carrying the error document.
        assert.ok(/\/(latest|deployed)$/.test(uri), `${uri}: ${(e as Error).message}`);
        assert.match((e as { data?: { error?: string } }).data?.error ?? "", /_not_found$/);
      }
    }
    assertEquals(await tree(home.userHome), before);
  }));

Deno.test("resources show the draft, the latest publish, the deployment and the history", () =>
  withMcp(async ({ ok, read }) => {
    await ok("initialize_keys");
    await ok("add_server_to_config", { client_id: "claude-desktop", server_id: "memory" });
    const p = await ok("publish_config", { client_id: "claude-desktop", changelog: "v1" });
    const d = await ok("deploy_config", { client_id: "claude-desktop" });
    assertEquals((await read("config://claude-desktop/default/draft")).servers, ["memory"]);
    assertEquals((await read("config://claude-desktop/default/latest")).artifact_id, p.artifact_id);
    const dep = await read("config://claude-desktop/default/deployed");
    assertEquals([dep.last_deployment.deployment_id, dep.targets[0].state], [d.deployment_id, "up-to-date"]);
    const h = await read("config://claude-desktop/default/history");
    assertEquals([h.published[0].changelog, h.deployments.length], ["v1", 1]);
    assert.ok((await read("server://registry")).servers.length >= 25);
    assertEquals((await read("server://memory")).id, "memory");
    assert.ok((await read("capabilities://clients")).clients.length >= 20);
  }));

Deno.test("a resource error is a JSON-RPC error whose data is the error document", () =>
  withMcp(async ({ client }) => {
    const e = await assertRejects(() => client.readResource({ uri: "server://no-such-server" }));
    assertEquals(e.data?.error, "server_not_found");
  }));
