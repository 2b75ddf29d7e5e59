/** push / pull / remote through the real CLI under the binary's flags: JSON documents and exit codes. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { bareRepo, CREDENTIAL_URLS } from "../share/machines.ts";

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
      text.stderr.trim(),
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

Deno.test("CLI: sync --dry-run over a pulled change shows the servers and the redacted diff, writes nothing", async () => {
  const repo = await bareRepo();
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-sync-dry-" }));
  const a = { HOME: join(base, "a") };
  const b = { HOME: join(base, "b") };
  await Deno.mkdir(a.HOME);
  await Deno.mkdir(b.HOME);
  const SECRET = "sk-bobsOwnValue-0123456789abcdef";
  const cli = (env: Record<string, string>, ...args: string[]) => runCli(["--format", "json", ...args], env);
  const team = ["--client", "claude-code", "--profile", "team"];
  try {
    const keyId = (await cli(a, "init")).json.key_id;
    assertEquals((await cli(b, "init")).code, 0);
    assertEquals((await cli(a, "remote", "add", "origin", repo.dir)).code, 0);
    const file = join(base, "mcp.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { memory: { command: "npx", args: ["-y", "m"] } } }),
    );
    assertEquals((await cli(a, "publish-config", ...team, "--file", file)).code, 0);
    assertEquals((await cli(a, "push", ...team)).code, 0);
    // Bob trusts Alice, pulls and deploys team with his own secrets written literally.
    await Deno.copyFile(
      join(a.HOME, ".mcp-orchestration/keys/signing.pub"),
      join(b.HOME, `.mcp-orchestration/keys/trusted/${keyId}.pub`),
    );
    assertEquals((await cli(b, "remote", "add", "origin", repo.dir)).code, 0);
    assertEquals((await cli(b, "pull")).code, 0);
    let r = await cli(b, "add-server", "tmp", "--command", "x", "--env", `API_TOKEN=${SECRET}`);
    assertEquals(r.code, 0, r.stdout + r.stderr);
    r = await cli(b, "deploy-config", ...team, "--secrets", "literal");
    assertEquals([r.code, r.json.status], [0, "deployed"], r.stdout + r.stderr);
    // Alice publishes v2: memory removed, search added (reading API_TOKEN), and pushes it.
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        mcpServers: { search: { command: "npx", args: ["-y", "s"], env: { API_TOKEN: "${API_TOKEN}" } } },
      }),
    );
    r = await cli(a, "publish-config", ...team, "--file", file);
    assertEquals(r.code, 0, r.stdout + r.stderr);
    assertEquals((await cli(a, "push", ...team)).code, 0);
    const target = join(b.HOME, ".claude.json");
    const before = await Deno.readTextFile(target);
    const log = join(b.HOME, ".mcp-orchestration/deployments/claude-code.jsonl");
    const logBefore = await Deno.readTextFile(log);
    r = await cli(b, "sync", "--dry-run");
    assertEquals(r.code, 0, r.stdout + r.stderr);
    const d = r.json.deploys[0];
    assertEquals([d.status, d.version, d.changes.added, d.changes.removed], ["dry_run", 2, ["search"], [
      "memory",
    ]]);
    assert.match(d.diff, /^\+.*"search"/m);
    assert.match(d.diff, /^-.*"memory"/m);
    assert.ok(d.diff.includes('"API_TOKEN": "***"') && !r.stdout.includes(SECRET), d.diff);
    // The text form shows the same, and neither form wrote anything.
    const t = await runCli(["sync", "--dry-run"], b);
    assertEquals(t.code, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /dry_run \(v2\)\n {4}added: search; updated: -; removed: memory/);
    assert.match(t.stdout, /^ {4}\+.*"search"/m);
    assert.ok(!t.stdout.includes(SECRET) && !t.stderr.includes(SECRET));
    assertEquals(await Deno.readTextFile(target), before);
    assertEquals(await Deno.readTextFile(log), logBefore);
    // Over drift (memory edited by hand) the dry run exits 6 with needs_force, as deploy-config
    // --dry-run does, and still writes nothing; the hand edit is then undone.
    const edited = JSON.parse(before);
    edited.mcpServers.memory.args = ["-y", "m@pinned"];
    await Deno.writeTextFile(target, JSON.stringify(edited, null, 2));
    const drifted = await Deno.readTextFile(target);
    r = await cli(b, "sync", "--dry-run");
    assertEquals(
      [r.code, r.json.exit_code, r.json.deploys[0].needs_force],
      [6, 6, true],
      r.stdout + r.stderr,
    );
    assertEquals(await Deno.readTextFile(target), drifted);
    await Deno.writeTextFile(target, before);
    // The real sync writes Bob's value literally: the diff above had it, redacted.
    r = await cli(b, "sync");
    assertEquals([r.code, r.json.deploys[0].status, r.json.deploys[0].diff], [0, "deployed", undefined]);
    assertEquals(r.json.deploys[0].changes.added, ["search"]);
    assert.ok((await Deno.readTextFile(target)).includes(SECRET));
  } finally {
    await Deno.remove(base, { recursive: true });
    await repo.cleanup();
  }
});

Deno.test("CLI: a remote URL's token or password never shows (remote add/list, pull and push errors), a plain ssh user does", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-url-cli-" }));
  const env = { HOME: base };
  const cli = (...args: string[]) => runCli(["--format", "json", ...args], env);
  const said: string[] = [];
  try {
    assertEquals((await cli("init")).code, 0);
    for (const [name, url, shown] of CREDENTIAL_URLS) {
      const r = name === "tok"
        ? await runCli(["remote", "add", name, url], env)
        : await cli("remote", "add", name, url);
      assertEquals(r.code, 0, r.stderr);
      said.push(r.stdout, r.stderr);
      if (r.json) assertEquals(r.json.remotes?.find((x: any) => x.name === name)?.url ?? r.json.url, shown);
      else assert.ok(r.stdout.includes(shown), r.stdout);
    }
    const listed = await cli("remote", "list");
    assertEquals(
      listed.json.remotes.map((x: any) => [x.name, x.url]).sort(),
      CREDENTIAL_URLS.map(([n, , s]) => [n, s]).sort(),
    );
    const text = await runCli(["remote", "list"], env);
    for (const [, , shown] of CREDENTIAL_URLS) assert.ok(text.stdout.includes(shown), text.stdout);
    said.push(listed.stdout, text.stdout, text.stderr);
    // Errors when git cannot reach them: the message and details.url.
    for (const name of ["tok", "atslash"]) {
      const r = await cli("pull", name);
      assertEquals(r.code !== 0, true);
      said.push(r.stdout, r.stderr);
      const shown = CREDENTIAL_URLS.find(([n]) => n === name)![2];
      assertEquals(r.json.details.url, shown);
    }
    const file = join(base, "mcp.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({ mcpServers: { memory: { command: "npx", args: ["m"] } } }),
    );
    assertEquals(
      (await cli("publish-config", "--client", "claude-code", "--profile", "team", "--file", file)).code,
      0,
    );
    const pushed = await runCli([
      "push",
      "--remote",
      "atslash",
      "--client",
      "claude-code",
      "--profile",
      "team",
    ], env);
    assert.ok(pushed.code !== 0);
    said.push(pushed.stdout, pushed.stderr);
    for (const s of said) assert.ok(!/SECRET|w0rd|p@ss/.test(s), s);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
