/**
 * Signed profiles shared through git (issue 16): push, pull, sync between machines (temp homes) over a
 * bare repository; push never forced, pull verifying everything before anything enters the store,
 * conflicts reported and never merged, and the pull of a repository with many profiles reading only
 * what changed.
 */
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { bareRepo, commitChanges, gitAt, machine, SERVERS_V1, SERVERS_V2, snapshot } from "./machines.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { status } from "../../src/ops/status.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { redactUrls } from "../../src/platform/git.ts";
import { latestPublished } from "../../src/store/profile_index.ts";
import { trustedKeys } from "../../src/store/keys.ts";
import { call } from "../../src/ops/spec.ts";
import { op as trustOp } from "../../src/ops/specs/trust.ts";

async function setup() {
  const repo = await bareRepo();
  const a = await machine();
  const b = await machine();
  await a.remoteAdd("origin", repo.dir);
  await b.remoteAdd("origin", repo.dir);
  await b.trust(a);
  return {
    repo,
    a,
    b,
    cleanup: async () => {
      await a.cleanup();
      await b.cleanup();
      await repo.cleanup();
    },
  };
}

Deno.test("push then pull: the other machine holds the same signed bytes, and the layout is documented", async () => {
  const { repo, a, b, cleanup } = await setup();
  try {
    const v1 = await a.publish("team", SERVERS_V1, "first: memory");
    const pushed = await a.push();
    assertEquals([pushed.status, pushed.profiles[0].status, pushed.profiles[0].remote_version], [
      "pushed",
      "pushed",
      null,
    ]);
    const files = (await gitAt(repo.dir, ["ls-tree", "-r", "--name-only", "main"])).split("\n").sort();
    assertEquals(
      files,
      [
        `artifacts/${v1.artifact_id.slice(0, 2)}/${v1.artifact_id}.json`,
        `keys/${a.keyId}.pub`,
        "mcp-orchestration.json",
        "profiles/claude-code/team/head.json",
        "profiles/claude-code/team/index.json",
      ].sort(),
    );
    assertEquals(
      await gitAt(repo.dir, ["log", "-1", "--format=%s", "main"]),
      "claude-code/team v1: first: memory",
    );
    // The same push again: nothing to commit.
    assertEquals((await a.push()).status, "unchanged");
    assertEquals(await gitAt(repo.dir, ["rev-list", "--count", "main"]), "1");

    const pulled = await b.pull();
    assertEquals(pulled.status, "pulled");
    assertEquals(
      pulled.profiles.map((
        p: any,
      ) => [p.client_id, p.profile_id, p.status, p.version, p.signed_by, p.signer_name]),
      [
        // Trusted by copying the key, without a name (the share how-to names it: "signed by alice (<id>)").
        ["claude-code", "team", "new", 1, a.keyId, null],
      ],
    );
    for (
      const f of [
        "index/claude-code/team.json",
        "heads/claude-code/team.json",
        `artifacts/${v1.artifact_id}.json`,
      ]
    ) {
      assertEquals(await Deno.readFile(join(b.h.home, f)), await Deno.readFile(join(a.h.home, f)), f);
    }
    // The key that came with the pull is not trusted by arriving: B trusts only its own and A's (given).
    assertEquals(
      [...Deno.readDirSync(join(b.h.home, "keys", "trusted"))].map((e) => e.name).sort(),
      [
        `${a.keyId}.pub`,
        `${b.keyId}.pub`,
      ].sort(),
    );
    assertEquals((await b.pull()).status, "up-to-date");
    // What was taken passes the whole-store check like anything published here.
    const checked = await verifyAll(b.d);
    assertEquals([checked.checked.artifacts, checked.checked.indexes], [1, 1]);
  } finally {
    await cleanup();
  }
});

Deno.test("sync deploys the newer publish to the targets that follow the profile, and is idempotent", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1);
    await a.push();
    await b.pull();
    const first = await deploy(b.d, { client: "claude-code", profile: "team" });
    assertEquals(first.status, "deployed");
    // Nothing new: sync pulls nothing and deploys nothing.
    let s = await b.sync();
    assertEquals([s.pull.status, s.deploys.map((d: any) => d.status), s.exit_code], ["up-to-date", [
      "up-to-date",
    ], 0]);
    const v2 = await a.publish("team", SERVERS_V2, "add time");
    await a.push();
    s = await b.sync();
    assertEquals(s.pull.profiles[0].status, "updated");
    assertEquals(s.deploys.map((d: any) => [d.client_id, d.follows, d.status, d.version]), [
      ["claude-code", "claude-code/team", "deployed", 2],
    ]);
    assertEquals(s.exit_code, 0);
    const file = JSON.parse(await Deno.readTextFile(join(b.h.userHome, ".claude.json")));
    assertEquals(Object.keys(file.mcpServers).sort(), ["memory", "time"]);
    const st = await status(b.d, { client: "claude-code", profile: "team" });
    assertEquals([st.targets[0].state, st.targets[0].deployed_artifact_id], ["up-to-date", v2.artifact_id]);
    s = await b.sync();
    assertEquals(s.deploys.map((d: any) => d.status), ["up-to-date"]);
  } finally {
    await cleanup();
  }
});

Deno.test("sync: a drifted target is refused (exit 6) and left as it is", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1);
    await a.push();
    await b.pull();
    await deploy(b.d, { client: "claude-code", profile: "team" });
    const path = join(b.h.userHome, ".claude.json");
    const file = JSON.parse(await Deno.readTextFile(path));
    file.mcpServers.memory.args.push("--edited-by-hand");
    await Deno.writeTextFile(path, JSON.stringify(file, null, 2));
    const before = await Deno.readFile(path);
    await a.publish("team", SERVERS_V2);
    await a.push();
    const s = await b.sync();
    assertEquals([s.deploys[0].status, s.deploys[0].error, s.exit_code], ["refused", "drift_detected", 6]);
    assertEquals(await Deno.readFile(path), before);
  } finally {
    await cleanup();
  }
});

Deno.test("push never moves a remote head backwards nor onto a history it does not extend", async () => {
  const { repo, a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1, "v1");
    await a.push();
    await b.pull();
    await b.trust(a);
    await a.trust(b);
    // A publishes v2 and pushes; B, still at v1, publishes its own v2: its history diverges.
    await a.publish("team", SERVERS_V2, "a's v2");
    await a.push();
    const tip = await gitAt(repo.dir, ["rev-parse", "main"]);
    await b.publish("team", { other: { command: "x" } }, "b's v2");
    await assertRejectsCode(() => b.push(), "push_rejected");
    assertEquals(await gitAt(repo.dir, ["rev-parse", "main"]), tip);
    // A machine that only has v1 (behind the remote) cannot push it back.
    const c = await machine();
    try {
      await c.trust(a);
      await c.remoteAdd("origin", repo.dir);
      await c.pull();
      await a.publish("team", { ...SERVERS_V2, more: { command: "y" } }, "v3");
      await a.push();
      const tip3 = await gitAt(repo.dir, ["rev-parse", "main"]);
      const e = await c.push().catch((e) => e);
      assertEquals(e.code, "push_rejected");
      assert.ok(/backwards/.test(e.message), e.message);
      assertEquals(await gitAt(repo.dir, ["rev-parse", "main"]), tip3);
    } finally {
      await c.cleanup();
    }
  } finally {
    await cleanup();
  }
});

Deno.test("pull: a local profile with another history is a conflict, reported and never merged", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1, "a");
    await a.publish("solo", SERVERS_V1, "a solo");
    await a.push({ client: undefined, profile: undefined, all: true });
    await b.publish("team", { mine: { command: "mine" } }, "b's own team");
    const before = await snapshot(b.h.home);
    const r = await b.pull();
    const by = Object.fromEntries(r.profiles.map((p: any) => [p.profile_id, p.status]));
    assertEquals(by, { solo: "new", team: "conflict" });
    assertEquals(r.conflicts, 1);
    const after = await snapshot(b.h.home);
    assertEquals(after["index/claude-code/team.json"], before["index/claude-code/team.json"]);
    assertEquals(after["heads/claude-code/team.json"], before["heads/claude-code/team.json"]);
    // Still reported on the next pull, though nothing changed upstream.
    const again = await b.pull();
    assertEquals(again.profiles.map((p: any) => [p.profile_id, p.status]), [["team", "conflict"]]);
  } finally {
    await cleanup();
  }
});

Deno.test("push over garbage at its artifact's and key's paths writes our bytes there: the teammate's pull verifies", async () => {
  const { repo, a, b, cleanup } = await setup();
  try {
    const v1 = await a.publish("team", SERVERS_V1, "v1");
    await a.push();
    const art = `artifacts/${v1.artifact_id.slice(0, 2)}/${v1.artifact_id}.json`;
    const key = `keys/${a.keyId}.pub`;
    const good = await gitAt(repo.dir, ["rev-parse", `main:${art}`]);
    // Someone with write access puts other bytes at both paths (the paths still exist).
    await commitChanges(repo.dir, {
      [art]: { bytes: '{"garbage": true}\n' },
      [key]: { bytes: "not a key\n" },
    });
    // Nothing new to push, but the remote lacks our bytes: the push writes them again.
    const fixed = await a.push();
    assertEquals([fixed.status, fixed.profiles[0].status, fixed.artifacts_added], ["pushed", "unchanged", 1]);
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${art}`]), good);
    assertEquals(
      await gitAt(repo.dir, ["cat-file", "blob", `main:${key}`]) + "\n",
      await Deno.readTextFile(join(a.h.home, "keys", "signing.pub")),
    );
    // Garbage again, under a new version: the push that carries v2 restores v1's artifact too.
    await commitChanges(repo.dir, { [art]: { bytes: "{}\n" } });
    await a.publish("team", SERVERS_V2, "v2");
    const pushed = await a.push();
    assertEquals([pushed.status, pushed.artifacts_added], ["pushed", 2]);
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${art}`]), good);
    const r = await b.pull();
    assertEquals(r.profiles.map((p: any) => [p.profile_id, p.status, p.version]), [["team", "new", 2]]);
    // And with the remote holding our exact bytes, a push has nothing to write.
    assertEquals((await a.push()).status, "unchanged");
  } finally {
    await cleanup();
  }
});

Deno.test("push of an unchanged profile over another head (garbage, then v1's head under v2's index) writes ours; pulls verify", async () => {
  const { repo, a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1, "v1");
    await a.push();
    const head = "profiles/claude-code/team/head.json";
    const good = await gitAt(repo.dir, ["rev-parse", `main:${head}`]);
    await commitChanges(repo.dir, { [head]: { bytes: "garbage\n" } });
    await assertRejectsCode(() => b.pull(), "remote_invalid");
    const fixed = await a.push();
    assertEquals([fixed.status, fixed.profiles[0].status, fixed.files_written], ["pushed", "unchanged", 1]);
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${head}`]), good);
    assertEquals((await b.pull()).profiles.map((p: any) => [p.profile_id, p.version]), [["team", 1]]);
    // v2 pushed; then someone puts v1's (validly signed) head back beside v2's index.
    await a.publish("team", SERVERS_V2, "v2");
    await a.push();
    const v2Head = await gitAt(repo.dir, ["rev-parse", `main:${head}`]);
    await commitChanges(repo.dir, {
      [head]: { bytes: await gitAt(repo.dir, ["cat-file", "blob", good]) + "\n" },
    });
    assert.ok((await gitAt(repo.dir, ["rev-parse", `main:${head}`])) !== v2Head);
    const again = await a.push();
    assertEquals([again.status, again.profiles[0].status], ["pushed", "unchanged"]);
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${head}`]), v2Head);
    assertEquals((await b.pull()).profiles.map((p: any) => [p.profile_id, p.version]), [["team", 2]]);
    // Nothing left to repair: nothing written.
    assertEquals((await a.push()).status, "unchanged");
  } finally {
    await cleanup();
  }
});

Deno.test("push of an unchanged profile never writes a local head behind its index, and a store without a head pushes nothing", async () => {
  const { repo, a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1, "v1");
    await a.push();
    await b.pull();
    const bHead = join(b.h.home, "heads", "claude-code", "team.json");
    const v1Head = await Deno.readFile(bHead);
    await a.publish("team", SERVERS_V2, "v2");
    await a.push();
    await b.pull();
    const head = "profiles/claude-code/team/head.json";
    const remoteHead = await gitAt(repo.dir, ["rev-parse", `main:${head}`]);
    // B's head left behind (an interrupted pull): its index is v2, its head v1.
    await Deno.writeFile(bHead, v1Head);
    assertEquals((await b.push()).status, "unchanged");
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${head}`]), remoteHead);
    // No head at all (a store from before heads): nothing to push, no error.
    await Deno.remove(bHead);
    assertEquals((await b.push()).status, "unchanged");
    assertEquals(await gitAt(repo.dir, ["rev-parse", `main:${head}`]), remoteHead);
  } finally {
    await cleanup();
  }
});

Deno.test("pull reads only what changed: 40 profiles, one republished, three paths verified", async () => {
  const { a, b, cleanup } = await setup();
  try {
    for (let i = 0; i < 40; i++) await a.publish(`p${i}`, { [`s${i}`]: { command: "x", args: [String(i)] } });
    await a.push({ client: undefined, profile: undefined, all: true });
    const first = await b.pull();
    assertEquals(first.profiles.length, 40);
    await a.publish("p7", { s7: { command: "x", args: ["7", "changed"] } }, "change p7");
    const pushed = await a.push({ profile: "p7" });
    assertEquals([pushed.artifacts_added, pushed.files_written], [1, 3]);
    const second = await b.pull();
    // index, head and the new artifact: nothing else is read or verified.
    assertEquals(second.changed_paths, 3);
    assertEquals(second.profiles.map((p: any) => [p.profile_id, p.status, p.version]), [[
      "p7",
      "updated",
      2,
    ]]);
  } finally {
    await cleanup();
  }
});

Deno.test("two pulls of one remote at once (cron and a user): one takes, the other finds it up to date", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1);
    await a.push();
    const both = await Promise.all([b.pull(), b.pull()]);
    assertEquals(both.map((r) => r.status).sort(), ["pulled", "up-to-date"]);
    assertEquals((await b.pull()).status, "up-to-date");
  } finally {
    await cleanup();
  }
});

Deno.test("a token in a remote's URL never shows: remote list, and git's own error when it cannot connect", async () => {
  const b = await machine();
  try {
    await b.remoteAdd("origin", "http://alice:s3cret-t0ken@127.0.0.1:1/profiles.git");
    const e = await b.pull().then(() => null, (e) => e);
    assertEquals(e?.code, "git_failed");
    const said = JSON.stringify({ message: e.message, details: e.details });
    assert.ok(!said.includes("s3cret-t0ken"), said);
    assert.ok(said.includes("http://***@127.0.0.1:1/profiles.git"), said);
    // git's own lines are redacted too, should a git version quote the URL whole.
    assertEquals(
      redactUrls("fatal: unable to access 'https://bob:ghp_t0k@git.example.com/x.git/': 403"),
      "fatal: unable to access 'https://***@git.example.com/x.git/': 403",
    );
  } finally {
    await b.cleanup();
  }
});

Deno.test("a pull interrupted between an index and its head is completed by the next pull", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.publish("team", SERVERS_V1);
    await a.push();
    await b.pull();
    const v2 = await a.publish("team", SERVERS_V2);
    await a.push();
    // The state a crash after the index write leaves: v2's index and artifact, v1's head.
    for (const f of ["index/claude-code/team.json", `artifacts/${v2.artifact_id}.json`]) {
      await Deno.copyFile(join(a.h.home, f), join(b.h.home, f));
    }
    assertEquals((await latestPublished(b.d, "claude-code", "team", await trustedKeys(b.d)))?.version, 1);
    const r = await b.pull();
    assertEquals(r.profiles.map((p: any) => p.status), ["unchanged"]);
    assertEquals((await latestPublished(b.d, "claude-code", "team", await trustedKeys(b.d)))?.version, 2);
    assertEquals(
      await Deno.readFile(join(b.h.home, "heads/claude-code/team.json")),
      await Deno.readFile(join(a.h.home, "heads/claude-code/team.json")),
    );
  } finally {
    await cleanup();
  }
});

Deno.test("a push built on commits this machine never pulled leaves them to the next pull and sync", async () => {
  const { a, b, cleanup } = await setup();
  try {
    await a.trust(b);
    await b.publish("shared", SERVERS_V1, "shared v1");
    await b.push({ profile: "shared" });
    assertEquals((await a.pull()).profiles.map((p: any) => [p.profile_id, p.status]), [["shared", "new"]]);
    await deploy(a.d, { client: "claude-code", profile: "shared" });
    // b moves on: shared v2 and a new profile; a pushes its own on top of b's commit, without pulling.
    const v2 = await b.publish("shared", SERVERS_V2, "shared v2");
    await b.push({ profile: "shared" });
    await b.publish("bobprof", SERVERS_V1, "bob's");
    await b.push({ profile: "bobprof" });
    await a.publish("team", SERVERS_V1, "a's team");
    assertEquals((await a.push()).status, "pushed");
    // The next sync examines b's commits too: shared v2 and bobprof arrive, shared v2 is deployed.
    const s = await a.sync();
    assertEquals(
      s.pull.profiles.map((p: any) => [p.profile_id, p.status, p.version]).sort(),
      [["bobprof", "new", 1], ["shared", "updated", 2], ["team", "unchanged", 1]],
    );
    assertEquals(s.deploys.map((d: any) => [d.follows, d.status, d.version]), [
      ["claude-code/shared", "deployed", 2],
    ]);
    const st = await status(a.d, { client: "claude-code", profile: "shared" });
    assertEquals(st.targets[0].deployed_artifact_id, v2.artifact_id);
    assertEquals((await a.pull()).status, "up-to-date");
    // A push onto the commit this machine pulled last moves the mark: nothing left to examine.
    await a.publish("team", SERVERS_V2, "a's team v2");
    await a.push();
    assertEquals((await a.pull()).status, "up-to-date");
  } finally {
    await cleanup();
  }
});

Deno.test("sync after trust remove: each refused target names the removed signer, as a thrown error does", async () => {
  const { a, b, cleanup } = await setup();
  try {
    const cli = { door: "cli" } as const;
    await call(
      trustOp,
      b.d,
      { action: "add", key: join(a.h.home, "keys", "signing.pub"), name: "alice" },
      cli,
    );
    await a.publish("team", SERVERS_V1);
    await a.push();
    await b.pull();
    await deploy(b.d, { client: "claude-code", profile: "team" });
    await call(trustOp, b.d, { action: "remove", key: "alice" }, cli);
    const s = await b.sync();
    assertEquals([s.deploys.length, s.deploys[0].status], [1, "refused"]);
    assert.match(s.deploys[0].message, /untrusted key "[0-9a-f]{16}" \(alice, no longer trusted\)/);
  } finally {
    await cleanup();
  }
});

Deno.test("a remote that accepts the connection and never answers: pull and sync stop after the timeout with git_failed, the remote's lock released", async () => {
  const { a, b, cleanup } = await setup();
  // 127.0.0.1: accepts every connection, never reads nor answers.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    try {
      for await (const c of listener) conns.push(c);
    } catch { /* closed */ }
  })();
  try {
    await a.publish("team", SERVERS_V1, "v1");
    const url = `http://127.0.0.1:${listener.addr.port}/team.git`;
    await b.remoteAdd("silent", url);
    // The internal knob: 120 s in use, 1.5 s here.
    b.h.env.MCPO_GIT_NETWORK_TIMEOUT_MS = "1500";
    const e = await b.pull("silent").then(() => null, (e) => e);
    assert.ok(e, "the pull should fail");
    assertEquals(e.code, "git_failed", e.message);
    assert.ok(/No answer from the remote .*127\.0\.0\.1.* after 1\.5 s/.test(e.message), e.message);
    assert.ok(conns.length >= 1, "git never connected");
    const s = await b.sync({ remote: "silent" }).then(() => null, (e) => e);
    assertEquals(s?.code, "git_failed", s?.message);
    assert.ok(/No answer from the remote/.test(s.message), s.message);
    // The lock of the remote was released: with nothing listening any more, the next pull fails at
    // once on the connection (not lock_timeout after 60 s).
    listener.close();
    await accepting;
    const again = await b.pull("silent").then(() => null, (e) => e);
    assertEquals(again?.code, "git_failed", again?.message);
    assert.ok(!/No answer/.test(again.message), again.message);
  } finally {
    try {
      listener.close();
    } catch { /* closed */ }
    for (const c of conns) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    await cleanup();
  }
});
