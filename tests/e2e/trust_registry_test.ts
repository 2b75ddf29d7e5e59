/** Issue 16 part B through the real CLI under exactly the binary's permission flags: `trust list` works
 * read-only, `trust add` / `trust remove` write, `registry sync` reaches a registry (here a fixture on
 * 127.0.0.1). tests/e2e/permissions_test.ts shows what each keeps; this, that it is enough. */
import { join } from "node:path";
import { assertEquals } from "../core/assert.ts";
import { runCli } from "./cli.ts";

const OFFICIAL = "io.modelcontextprotocol.registry/official";

/** A registry API with one deprecated server, on one page. */
function registry(): { url: string; close(): Promise<void> } {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    if (new URL(req.url).pathname !== "/v0.1/servers") return new Response("not found", { status: 404 });
    return Response.json({
      servers: [{
        server: {
          name: "com.example/notes",
          description: "Notes",
          version: "1.0.0",
          packages: [{ registryType: "npm", identifier: "@example/notes", transport: { type: "stdio" } }],
        },
        _meta: { [OFFICIAL]: { status: "deprecated", updatedAt: "2026-11-01T00:00:00Z", isLatest: true } },
      }],
      metadata: { count: 1 },
    });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

Deno.test("real CLI, least privilege: trust list reads only, trust add/remove write, registry sync connects", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-trust-e2e-" }));
  const reg = registry();
  const env = { HOME: dir };
  const run = (args: string[]) => runCli([...args, "--format", "json"], env);
  try {
    const other = join(dir, "other");
    assertEquals((await run(["--home", other, "init"])).code, 0);
    assertEquals((await run(["init"])).code, 0);
    const add = await run(["trust", "add", join(other, "keys", "signing.pub"), "--name", "bob"]);
    assertEquals([add.code, add.json.status], [0, "added"], add.stderr);
    const list = await run(["trust", "list"]);
    assertEquals([list.code, list.json.keys.map((k: { name: string | null }) => k.name)], [0, [null, "bob"]]);
    assertEquals((await run(["trust", "remove", "bob"])).json.status, "removed");

    const sync = await run(["registry", "sync", "--url", reg.url]);
    assertEquals(
      [sync.code, sync.json.written, sync.json.deprecated],
      [0, 1, ["com.example.notes"]],
      sync.stderr,
    );
    const servers = (await run(["list-servers"])).json.servers as { id: string; upstream_status?: string }[];
    assertEquals(servers.find((s) => s.id === "com.example.notes")?.upstream_status, "deprecated");
  } finally {
    await reg.close();
    await Deno.remove(dir, { recursive: true });
  }
});
