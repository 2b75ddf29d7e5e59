/** A state folder of the Python mcp-orchestration, read in place: its key is trusted by `init`, its
 * artifacts verify on their payload signature (`legacy: true`), its unsigned profile index is read as a
 * one-version history until the next publish signs it. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { canonicalBytes } from "../../src/core/canonical_json.ts";
import { sha256Hex } from "../../src/core/digest.ts";
import { exitCodeFor } from "../../src/core/errors.ts";
import { generateKeyPair, sign } from "../../src/core/signing.ts";

const PY_PAYLOAD = {
  mcpServers: {
    filesystem: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] },
    "brave-search": {
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-brave-search"],
      env: { BRAVE_API_KEY: "${BRAVE_API_KEY}" },
    },
  },
};

/** Python's `json.dumps(obj, indent=2)` for ASCII data: what the Python tool writes (no final newline). */
const pyJson = (v: unknown) => JSON.stringify(v, null, 2);

/** A Python artifact (the seed's eight fields, no record_signature, key label "default"). */
async function pythonArtifact(privatePem: string, payload: unknown, created_at: string) {
  const bytes = canonicalBytes(payload);
  const id = await sha256Hex(bytes);
  return {
    id,
    record: {
      artifact_id: id,
      client_id: "claude-desktop",
      profile_id: "default",
      created_at,
      payload,
      signature: await sign(privatePem, bytes),
      signing_key_id: "default",
      metadata: { server_count: Object.keys((payload as typeof PY_PAYLOAD).mcpServers).length },
    },
  };
}

/** Writes the folder the Python tool leaves: keys, one artifact, one unsigned profile index. */
async function pythonFolder(h: TempHome) {
  const k = await generateKeyPair();
  await Deno.mkdir(join(h.home, "keys"), { recursive: true });
  await Deno.writeTextFile(join(h.home, "keys/signing.key"), k.privatePem, { mode: 0o600 });
  await Deno.writeTextFile(join(h.home, "keys/signing.pub"), k.publicPem);
  const a = await pythonArtifact(k.privatePem, PY_PAYLOAD, "2026-11-21T18:36:22.335737Z");
  await Deno.mkdir(join(h.home, "artifacts"), { recursive: true });
  await Deno.writeTextFile(join(h.home, "artifacts", `${a.id}.json`), pyJson(a.record));
  await Deno.mkdir(join(h.home, "index/claude-desktop"), { recursive: true });
  const index = pyJson({
    client_id: "claude-desktop",
    profile_id: "default",
    latest_artifact_id: a.id,
    updated_at: "2026-11-21T18:36:22.335737Z",
  });
  await Deno.writeTextFile(join(h.home, "index/claude-desktop/default.json"), index);
  return { key: k, id: a.id, index };
}

async function expectExit5(h: TempHome, args: string[], what: string) {
  const r = await cli(h, [...args, "--format", "json"]);
  assertEquals(r.code, 5, `${what}: ${r.stdout}${r.stderr}`);
  return r;
}

Deno.test("a Python state folder is readable in place, and the next publish signs its history", () =>
  withHome(async (h) => {
    const py = await pythonFolder(h);
    const artifactPath = join(h.home, "artifacts", `${py.id}.json`);
    const artifactText = await Deno.readTextFile(artifactPath);

    // Before init, the Python key is not trusted: the artifact fails.
    await expectExit5(h, ["verify", py.id], "untrusted before init");

    // init trusts the existing key under our fingerprint, and says so.
    const init = await cli(h, ["init", "--format", "json"]);
    assertEquals(init.code, 0, init.stderr);
    assertEquals([init.json.status, init.json.key_id, init.json.trusted_existing_key], [
      "already_exists",
      py.key.keyId,
      py.key.keyId,
    ]);
    assertEquals(init.json.trusted_key_ids, [py.key.keyId]);
    assertEquals(await Deno.readTextFile(join(h.home, `keys/trusted/${py.key.keyId}.pub`)), py.key.publicPem);
    const again = await cli(h, ["init", "--format", "json"]);
    assertEquals(again.json.trusted_existing_key, undefined, "a second init trusts nothing new");

    // verify <id>: legacy, signed by our fingerprint of the Python key, listed in the unsigned index.
    const v = await cli(h, ["verify", py.id.slice(0, 12), "--format", "json"]);
    assertEquals(v.code, 0, v.stderr);
    assertEquals([v.json.legacy, v.json.signing_key_id, v.json.legacy_key_label], [
      true,
      py.key.keyId,
      "default",
    ]);
    assertEquals(v.json.indexed_in, [{
      client_id: "claude-desktop",
      profile_id: "default",
      version: 1,
      legacy: true,
    }]);
    const vc = await cli(h, ["verify", "--client", "claude-desktop", "--format", "json"]);
    assertEquals([vc.code, vc.json.artifact_id, vc.json.legacy], [0, py.id, true]);
    assert((await cli(h, ["verify", py.id])).stdout.includes("legacy artifact of the Python tool"));

    // The Python folder's profile is seen by list-profiles, status and get-config.
    const lp = await cli(h, ["list-profiles", "claude-desktop", "--format", "json"]);
    assertEquals(lp.code, 0, lp.stderr);
    assertEquals(
      lp.json.profiles.map((p: any) => [p.profile_id, p.published_versions, p.latest_artifact_id]),
      [["default", 1, py.id]],
    );
    const st = await cli(h, ["status", "--format", "json"]);
    assertEquals(st.code, 0, st.stderr);
    assert(st.stdout.includes(py.id), "status shows the legacy latest artifact");
    const gc = await cli(h, ["get-config", "claude-desktop", "--format", "json"]);
    assertEquals(gc.code, 0, gc.stderr);
    assertEquals([gc.json.artifact_id, gc.json.version, gc.json.legacy], [py.id, 1, true]);
    assertEquals(gc.json.payload, PY_PAYLOAD);

    // verify --all passes and reports the legacy artifact and index.
    const all = await cli(h, ["verify", "--all", "--format", "json"]);
    assertEquals(all.code, 0, all.stdout + all.stderr);
    assertEquals([all.json.legacy_artifacts, all.json.legacy_indexes], [[py.id], ["claude-desktop/default"]]);

    // deploy-config into the sandboxed Claude Desktop file: it cannot expand ${BRAVE_API_KEY}, so the
    // deploy is refused (naming it) until secrets.json holds the value, which is then written.
    const refused = await cli(h, ["deploy-config", "--client", "claude-desktop", "--format", "json"]);
    assertEquals([refused.code, refused.json.details.variables], [4, ["BRAVE_API_KEY"]]);
    await setSecrets(h.deps(), { BRAVE_API_KEY: "BSAlegacyExampleValue00" });
    const dep = await cli(h, ["deploy-config", "--client", "claude-desktop", "--format", "json"]);
    assertEquals(dep.code, 0, dep.stdout + dep.stderr);
    assertEquals(dep.json.artifact_id, py.id);
    const desktop = JSON.parse(
      await Deno.readTextFile(join(h.userHome, ".config/Claude/claude_desktop_config.json")),
    );
    assertEquals(Object.keys(desktop.mcpServers).sort(), ["brave-search", "filesystem"]);
    assertEquals(desktop.mcpServers.filesystem.args, PY_PAYLOAD.mcpServers.filesystem.args);

    // Nothing of the Python tool was rewritten so far.
    assertEquals(await Deno.readTextFile(artifactPath), artifactText);
    assertEquals(await Deno.readTextFile(join(h.home, "index/claude-desktop/default.json")), py.index);

    // A new publish writes our signed index (the legacy entry carried over as v1) and head.
    const payload2 = { mcpServers: { filesystem: PY_PAYLOAD.mcpServers.filesystem } };
    const file = join(h.userHome, "p2.json");
    await Deno.writeTextFile(file, JSON.stringify(payload2));
    const pub = await cli(h, [
      "publish-config",
      "--client",
      "claude-desktop",
      "--file",
      file,
      "--format",
      "json",
    ]);
    assertEquals(pub.code, 0, pub.stdout + pub.stderr);
    assertEquals(pub.json.version, 2);
    const idx = JSON.parse(await Deno.readTextFile(join(h.home, "index/claude-desktop/default.json")));
    assertEquals(idx.signing_key_id, py.key.keyId);
    assertEquals(idx.entries.map((e: any) => [e.version, e.artifact_id]), [[1, py.id], [
      2,
      pub.json.artifact_id,
    ]]);
    const head = JSON.parse(await Deno.readTextFile(join(h.home, "heads/claude-desktop/default.json")));
    assertEquals([head.version, head.artifact_id], [2, pub.json.artifact_id]);
    assertEquals(
      await Deno.readTextFile(artifactPath),
      artifactText,
      "the legacy artifact is never rewritten",
    );

    // The legacy artifact stays verifiable, now listed in the signed index.
    const v2 = await cli(h, ["verify", py.id, "--format", "json"]);
    assertEquals(v2.code, 0, v2.stderr);
    assertEquals([v2.json.legacy, v2.json.indexed_in], [true, [{
      client_id: "claude-desktop",
      profile_id: "default",
      version: 1,
    }]]);
    assert(v2.json.checks.includes("signed index"));
    const all2 = await cli(h, ["verify", "--all", "--format", "json"]);
    assertEquals(all2.code, 0, all2.stdout + all2.stderr);
    assertEquals([all2.json.legacy_artifacts, all2.json.legacy_indexes], [[py.id], []]);

    // Putting the Python index back over the signed one is refused (the head exists).
    await Deno.writeTextFile(join(h.home, "index/claude-desktop/default.json"), py.index);
    const replay = await expectExit5(
      h,
      ["list-profiles", "claude-desktop"],
      "legacy index replayed after a signed publish",
    );
    assertEquals(replay.json.error, "index_invalid");
    // status reads the signed head alone: it still names version 2, the newest publish.
    const st2 = await cli(h, ["status", "--client", "claude-desktop", "--format", "json"]);
    assertEquals(st2.code, 0, st2.stderr);
    assertEquals([st2.json.targets[0].latest_version, st2.json.targets[0].latest_artifact_id], [
      2,
      pub.json.artifact_id,
    ]);
    assertEquals(
      (await expectExit5(h, ["get-config", "claude-desktop"], "get-config of a replayed index")).json.error,
      "index_invalid",
    );
  }));

Deno.test("a legacy artifact whose payload or payload signature fails is refused (exit 5)", () =>
  withHome(async (h) => {
    const py = await pythonFolder(h);
    assertEquals((await cli(h, ["init"])).code, 0);
    const path = join(h.home, "artifacts", `${py.id}.json`);
    const orig = await Deno.readFile(path);

    // One flipped byte of the payload: the hash no longer matches the id.
    const text = new TextDecoder().decode(orig);
    const at = text.indexOf("server-filesystem");
    const flipped = orig.slice();
    flipped[at] ^= 0x01;
    await Deno.writeFile(path, flipped);
    const r = await expectExit5(h, ["verify", py.id], "flipped payload byte");
    assertEquals(r.json.error, "integrity_error");
    assertEquals(exitCodeFor(r.json.error), 5);
    await expectExit5(h, ["get-config", "claude-desktop"], "get-config of a flipped payload");
    await expectExit5(
      h,
      ["deploy-config", "--client", "claude-desktop", "--dry-run"],
      "deploy of a flipped payload",
    );
    await expectExit5(h, ["verify", "--all"], "verify --all with a flipped payload");

    // A consistent id but a signature by a key nobody trusts, or a damaged signature.
    const stranger = await generateKeyPair();
    const forged = await pythonArtifact(stranger.privatePem, PY_PAYLOAD, "2026-11-21T18:36:22.335737Z");
    await Deno.writeTextFile(path, pyJson(forged.record));
    assertEquals(
      (await expectExit5(h, ["verify", py.id], "signed by an untrusted key")).json.error,
      "untrusted_key",
    );
    const sig = forged.record.signature;
    const good = (await pythonArtifact(py.key.privatePem, PY_PAYLOAD, "2026-11-21T18:36:22.335737Z")).record;
    const bad = { ...good, signature: (sig[0] === "A" ? "B" : "A") + good.signature.slice(1) };
    await Deno.writeTextFile(path, pyJson(bad));
    await expectExit5(h, ["verify", py.id], "damaged payload signature");
    // A publish does not sign a history whose artifact fails.
    const file = join(h.userHome, "p.json");
    await Deno.writeTextFile(file, JSON.stringify({ mcpServers: { x: { command: "x" } } }));
    await expectExit5(
      h,
      ["publish-config", "--client", "claude-desktop", "--file", file],
      "publish over a failing legacy history",
    );

    await Deno.writeFile(path, orig);
    assertEquals((await cli(h, ["verify", py.id])).code, 0);
  }));

Deno.test("init does not re-trust a key once keys/trusted/ exists (a removed key stays revoked)", () =>
  withHome(async (h) => {
    const py = await pythonFolder(h);
    assertEquals((await cli(h, ["init"])).code, 0);
    await Deno.remove(join(h.home, `keys/trusted/${py.key.keyId}.pub`));
    const r = await cli(h, ["init", "--format", "json"]);
    assertEquals([r.json.trusted_existing_key, r.json.trusted_key_ids], [undefined, []]);
    await expectExit5(h, ["verify", py.id], "revoked key");
  }));

Deno.test("init refuses to trust a signing.pub that is not the public half of signing.key", () =>
  withHome(async (h) => {
    await pythonFolder(h);
    const other = await generateKeyPair();
    await Deno.writeTextFile(join(h.home, "keys/signing.pub"), other.publicPem);
    const r = await expectExit5(h, ["init"], "mismatched key pair");
    assertEquals(r.json.error, "integrity_error");
  }));
