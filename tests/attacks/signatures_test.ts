/**
 * Signature attacks against the path that matters, deploy: every single-byte change of the artifact
 * file (payload, signature, record signature, every other field), of its profile index, of the index
 * head and of the trusted key is refused with an exit-5 code and leaves the client file untouched; an
 * artifact and index signed by an untrusted key are refused; an older signed index copied over a newer
 * one is refused (by the head, and by the deployment log when the head is rolled back too); a key
 * rotation keeps old artifacts deployable.
 */
import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertRejectsCode } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, tempHome, withHome } from "../helpers/home.ts";
import { exitCodeFor } from "../../src/core/errors.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { verifyOp } from "../../src/ops/verify.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import type { Deps } from "../../src/platform/deps.ts";

const V2 = { mcpServers: { only: { command: "uvx", args: ["mcp-server-time"] } } };

async function refusedDeploy(d: Deps, file: string, what: string, artifactId?: string) {
  const before = await Deno.readFile(file).catch(() => null);
  const e = await assertRejects(
    () => deploy(d, { client: "cursor", artifactId }),
    undefined,
    `${what}: deployed despite the change`,
  );
  assertEquals(exitCodeFor(e.code!), 5, `${what}: ${e.code} ${e.message}`);
  assertEquals(await Deno.readFile(file).catch(() => null), before, `${what}: the file changed`);
}

Deno.test("every single-byte change of the artifact, its signatures, the index, the head or the trusted key stops deploy", () =>
  withHome(async (h) => {
    const d = h.deps();
    const k = await init(d);
    const r = await publish(d, {
      client: "cursor",
      profile: "default",
      payload: SAMPLE_PAYLOAD,
      changelog: "é ü",
    });
    const file = join(h.userHome, ".cursor", "mcp.json");
    let flips = 0;
    for (
      const rel of [
        `artifacts/${r.artifact_id}.json`,
        "index/cursor/default.json",
        "heads/cursor/default.json",
        `keys/trusted/${k.key_id}.pub`,
      ]
    ) {
      const path = join(h.home, rel);
      const orig = await Deno.readFile(path);
      for (let i = 0; i < orig.length; i++) {
        const b = orig.slice();
        b[i] ^= i % 7 === 0 ? 0x20 : 0x01;
        await Deno.writeFile(path, b);
        await refusedDeploy(d, file, `${rel} byte ${i}`);
        flips++;
      }
      await Deno.writeFile(path, orig);
    }
    assert.ok(flips > 1500, `${flips} changes tried`);
    assertEquals((await deploy(d, { client: "cursor" })).status, "deployed");
  }));

Deno.test("an artifact and index signed by a key we do not trust are refused", async () => {
  const other = await tempHome();
  try {
    await withHome(async (h) => {
      const d = h.deps();
      await init(d);
      await init(other.deps());
      const r = await publish(other.deps(), { client: "cursor", profile: "default", payload: V2 });
      for (const rel of [`artifacts/${r.artifact_id}.json`, "index/cursor/default.json"]) {
        await Deno.mkdir(join(h.home, rel, ".."), { recursive: true });
        await Deno.copyFile(join(other.home, rel), join(h.home, rel));
      }
      const file = join(h.userHome, ".cursor", "mcp.json");
      await refusedDeploy(d, file, "foreign index");
      await Deno.remove(join(h.home, "index/cursor/default.json"));
      await refusedDeploy(d, file, "foreign artifact by id", r.artifact_id);
      await assertRejectsCode(() => verifyOp(d, { artifactId: r.artifact_id }), "untrusted_key");
    });
  } finally {
    await other.cleanup();
  }
});

Deno.test("an older signed index copied over a newer one is refused: by the head, and by the deployment log", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    const index = join(h.home, "index/cursor/default.json");
    const head = join(h.home, "heads/cursor/default.json");
    const [oldIndex, oldHead] = [await Deno.readFile(index), await Deno.readFile(head)];
    await publish(d, { client: "cursor", profile: "default", payload: V2 });
    assertEquals((await deploy(d, { client: "cursor" })).status, "deployed");
    const file = join(h.userHome, ".cursor", "mcp.json");
    // The old index alone (its signature is good): the head says version 2 was published.
    await Deno.writeFile(index, oldIndex);
    await refusedDeploy(d, file, "older index");
    await assertRejectsCode(() => getConfig(d, { client: "cursor", profile: "default" }), "index_invalid");
    await assertRejectsCode(() => verifyAll(d), "integrity_error");
    // The old index and the old head together: the log saw version 2 deployed.
    await Deno.writeFile(head, oldHead);
    await refusedDeploy(d, file, "older index and head");
    await assertRejectsCode(() => verifyAll(d), "integrity_error");
    // The index deleted outright, head kept: refused, not "never published".
    await Deno.remove(index);
    await Deno.remove(head);
    await publish(d, { client: "cursor", profile: "other", payload: V2 });
    await Deno.remove(join(h.home, "index/cursor/other.json"));
    await assertRejectsCode(() => getConfig(d, { client: "cursor", profile: "other" }), "index_invalid");
  }));

Deno.test("a key rotation (init --regenerate) keeps old artifacts verifiable and deployable", () =>
  withHome(async (h) => {
    const d = h.deps();
    const k1 = await init(d);
    const a1 = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    const k2 = await init(d, { regenerate: true });
    assert.ok(k2.key_id !== k1.key_id && k2.trusted_key_ids.includes(k1.key_id));
    const a2 = await publish(d, { client: "cursor", profile: "default", payload: V2 });
    for (const [id, key] of [[a1.artifact_id, k1.key_id], [a2.artifact_id, k2.key_id]]) {
      assertEquals((await verifyOp(d, { artifactId: id })).signing_key_id, key);
      assertEquals((await deploy(d, { client: "cursor", artifactId: id })).status, "deployed");
    }
    await verifyAll(d);
    // Distrusting the old key makes its artifacts (and the index it signed before) unverifiable.
    await Deno.remove(join(h.home, `keys/trusted/${k1.key_id}.pub`));
    await assertRejectsCode(() => verifyOp(d, { artifactId: a1.artifact_id }), "untrusted_key");
  }));
