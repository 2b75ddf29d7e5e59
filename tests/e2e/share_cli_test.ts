/** push / pull / remote through the real CLI under the binary's flags: JSON documents and exit codes. */
import { assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { bareRepo } from "../share/machines.ts";

Deno.test("CLI: remote, push and pull give one JSON document and the exit codes of the table", async () => {
  const repo = await bareRepo();
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-share-cli-" }));
  const a = { HOME: join(base, "a") };
  const b = { HOME: join(base, "b") };
  await Deno.mkdir(a.HOME);
  await Deno.mkdir(b.HOME);
  const cli = (env: Record<string, string>, ...args: string[]) => runCli(["--format", "json", ...args], env);
  try {
    let r = await cli(b, "pull");
    assertEquals([r.code, r.json.error], [3, "remote_not_found"]);
    // The text form: the error and how to add one, never an empty "known:" line.
    const text = await runCli(["pull"], b);
    assertEquals(
      text.stderr.trim().replace(/\x1b\[[0-9;]*m/g, ""),
      "error: No remote configured: run `mcp-orchestration remote add NAME URL` first [remote_not_found]",
    );
    assertEquals((await cli(a, "init")).code, 0);
    assertEquals((await cli(b, "init")).code, 0);
    const keyId = (await cli(a, "init")).json.key_id;
    assertEquals((await cli(a, "remote", "add", "origin", repo.dir)).code, 0);
    r = await cli(a, "remote", "add", "origin", repo.dir);
    assertEquals([r.code, r.json.error], [6, "already_exists"]);
    r = await cli(a, "remote", "add");
    assertEquals([r.code, r.json.error], [2, "usage"]);
    const file = join(base, "mcp.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { memory: { command: "npx", args: ["-y", "m"] } } }),
    );
    assertEquals(
      (await cli(a, "publish-config", "--client", "claude-code", "--profile", "team", "--file", file)).code,
      0,
    );
    r = await cli(a, "push", "--client", "claude-code", "--profile", "team");
    assertEquals([r.code, r.json.status], [0, "pushed"]);
    // Bob publishes his own "team": a conflict when he pulls Alice's (exit 6, his profile untouched).
    await Deno.writeTextFile(file, JSON.stringify({ mcpServers: { other: { command: "x" } } }));
    assertEquals(
      (await cli(b, "publish-config", "--client", "claude-code", "--profile", "team", "--file", file)).code,
      0,
    );
    await Deno.copyFile(
      join(a.HOME, ".mcp-orchestration/keys/signing.pub"),
      join(b.HOME, `.mcp-orchestration/keys/trusted/${keyId}.pub`),
    );
    assertEquals((await cli(b, "remote", "add", "origin", repo.dir)).code, 0);
    r = await cli(b, "pull");
    assertEquals([r.code, r.json.conflicts, r.json.profiles[0].status], [6, 1, "conflict"]);
    // And his push over Alice's history is rejected, never forced.
    r = await cli(b, "push", "--client", "claude-code", "--profile", "team");
    assertEquals([r.code, r.json.error], [6, "push_rejected"]);
    r = await cli(b, "remote", "list");
    assertEquals(r.json.remotes.map((x: any) => x.name), ["origin"]);
    assertEquals((await cli(b, "remote", "remove", "origin")).code, 0);
    assertEquals((await cli(b, "remote", "list")).json.remotes, []);
  } finally {
    await Deno.remove(base, { recursive: true });
    await repo.cleanup();
  }
});
