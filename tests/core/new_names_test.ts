/**
 * A new profile or remote may not be named with a trailing dot (Windows drops it: `work.` and `work`
 * would share a folder); one that exists already (pulled, hand-written) is still read, edited and removed.
 */
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { tempHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";

const run = (h: Awaited<ReturnType<typeof tempHome>>, args: string[]) =>
  cli(h, [...args, "--format", "json"]);

Deno.test("a new profile or remote named with a trailing dot is refused; an existing one still works", async () => {
  const h = await tempHome();
  try {
    assertEquals((await run(h, ["init"])).code, 0);
    const add = await run(h, ["add-server", "fetch", "--client", "cursor", "--profile", "work."]);
    assertEquals(add.json?.error, "invalid_input", add.stdout + add.stderr);
    assert.match(add.json.message, /may not end with a dot/);
    const remote = await run(h, ["remote", "add", "team.", "/tmp/nowhere.git"]);
    assertEquals(remote.json?.error, "invalid_input", remote.stdout + remote.stderr);
    // What exists already keeps working: a remote written by an earlier version is listed and removed.
    await Deno.writeTextFile(
      join(h.home, "remotes.json"),
      JSON.stringify({ remotes: { "team.": { url: "/tmp/x.git", added_at: "2026-01-01T00:00:00.000Z" } } }),
    );
    assertEquals((await run(h, ["remote", "list"])).json.remotes.map((r: any) => r.name), ["team."]);
    assertEquals((await run(h, ["remote", "remove", "team."])).code, 0);
    // A profile that exists (a draft written before) is still edited and published.
    await Deno.mkdir(join(h.home, "drafts", "cursor"), { recursive: true });
    await Deno.writeTextFile(
      join(h.home, "drafts", "cursor", "old..json"),
      JSON.stringify({ client_id: "cursor", profile_id: "old.", servers: [], updated_at: null }),
    );
    const edit = await run(h, ["add-server", "fetch", "--client", "cursor", "--profile", "old."]);
    assertEquals(edit.code, 0, edit.stdout + edit.stderr);
    const pub = await run(h, ["publish-config", "--client", "cursor", "--profile", "old."]);
    assertEquals(
      pub.json?.error,
      "invalid_input",
      "publishing it first is creating the profile: " + pub.stdout,
    );
    // An ordinary name is untouched by the rule.
    assertEquals((await run(h, ["add-server", "fetch", "--client", "cursor", "--profile", "work"])).code, 0);
  } finally {
    await h.cleanup();
  }
});
