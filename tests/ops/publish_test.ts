import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { join } from "node:path";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { verifyOp } from "../../src/ops/verify.ts";
import { listProfiles } from "../../src/ops/list_profiles.ts";
import { exitCodeFor } from "../../src/core/errors.ts";

Deno.test("init creates keys with safe modes, reports already_exists, regenerate keeps old trust", () =>
  withHome(async (h) => {
    const d = h.deps();
    const first = await init(d);
    assertEquals(first.status, "created");
    assertEquals((await Deno.stat(join(h.home, "keys/signing.key"))).mode! & 0o777, 0o600);
    assertEquals((await Deno.stat(h.home)).mode! & 0o777, 0o700);
    assertEquals((await init(d)).status, "already_exists");
    const pub = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    const again = await init(d, { regenerate: true });
    assertEquals(again.status, "regenerated");
    assert.notEqual(again.key_id, first.key_id);
    assertEquals(again.trusted_key_ids.sort(), [first.key_id, again.key_id].sort());
    // Artifacts signed with the old key still verify.
    assertEquals((await verifyOp(d, { artifactId: pub.artifact_id })).signing_key_id, first.key_id);
    const p2 = await publish(d, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { a: { command: "x" } } },
    });
    assertEquals((await verifyOp(d, { artifactId: p2.artifact_id })).signing_key_id, again.key_id);
  }));

Deno.test("publish keeps every field, is content-addressed and never rewrites a stored artifact", () =>
  withHome(async (h) => {
    const d = h.deps();
    await assertRejectsCode(
      () => publish(d, { client: "cursor", profile: "p", payload: SAMPLE_PAYLOAD }),
      "key_not_found",
    );
    await init(d);
    const payload = {
      mcpServers: { a: { command: "x", args: ["1"], "x-extra": { keep: true }, disabled: false } },
    };
    const r1 = await publish(d, { client: "cursor", profile: "p", payload, changelog: "one" });
    assertEquals([r1.status, r1.version, r1.server_count, r1.changelog], ["published", 1, 1, "one"]);
    const path = join(h.home, "artifacts", `${r1.artifact_id}.json`);
    const bytes = await Deno.readFile(path);
    const r2 = await publish(d, { client: "cursor", profile: "p", payload: structuredClone(payload) });
    assertEquals([r2.status, r2.artifact_id, r2.version], ["unchanged", r1.artifact_id, 1]);
    // Same payload for another profile: same id, stored record untouched, new index entry.
    const r3 = await publish(d, { client: "vscode", profile: "q", payload, changelog: "other" });
    assertEquals([r3.artifact_id, r3.version, r3.status], [r1.artifact_id, 1, "published"]);
    assertEquals(await Deno.readFile(path), bytes);
    const got = await getConfig(d, { client: "cursor", profile: "p" });
    assertEquals(got.payload, payload);
    const r4 = await publish(d, {
      client: "cursor",
      profile: "p",
      payload: { mcpServers: { b: { url: "https://x", type: "sse" } } },
    });
    assertEquals(r4.version, 2);
    assertEquals((await getConfig(d, { client: "cursor", profile: "p" })).artifact_id, r4.artifact_id);
    assertEquals(
      (await getConfig(d, { client: "cursor", profile: "p", artifactId: r1.artifact_id.slice(0, 8) }))
        .version,
      1,
    );
    const profiles = await listProfiles(d, { client: "cursor" });
    assertEquals(profiles.profiles.map((p) => [p.profile_id, p.published_versions, p.latest_artifact_id]), [[
      "p",
      2,
      r4.artifact_id,
    ]]);
  }));

Deno.test("bad input: empty servers, bad names, unknown ids, foreign ids", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await assertRejectsCode(
      () => publish(d, { client: "lm-studio", profile: "p", payload: { mcpServers: {} } }),
      "invalid_input",
    );
    await assertRejectsCode(
      () => publish(d, { client: "lm-studio", profile: "p", payload: { servers: {} } as never }),
      "invalid_input",
    );
    await assertRejectsCode(
      () => publish(d, { client: "C!", profile: "p", payload: SAMPLE_PAYLOAD }),
      "invalid_input",
    );
    await assertRejectsCode(
      () => publish(d, { client: "no-such-client", profile: "p", payload: SAMPLE_PAYLOAD }),
      "client_not_found",
    );
    await assertRejectsCode(
      () => publish(d, { client: "lm-studio", profile: "../x", payload: SAMPLE_PAYLOAD }),
      "invalid_input",
    );
    await assertRejectsCode(() => getConfig(d, { client: "lm-studio", profile: "p" }), "profile_not_found");
    const r = await publish(d, { client: "lm-studio", profile: "p", payload: SAMPLE_PAYLOAD });
    await publish(d, {
      client: "lm-studio",
      profile: "other",
      payload: { mcpServers: { z: { command: "z" } } },
    });
    const other = await getConfig(d, { client: "lm-studio", profile: "other" });
    await assertRejectsCode(
      () => getConfig(d, { client: "lm-studio", profile: "p", artifactId: other.artifact_id }),
      "artifact_not_found",
    );
    await assertRejectsCode(
      () => getConfig(d, { client: "lm-studio", profile: "p", artifactId: "0".repeat(64) }),
      "artifact_not_found",
    );
    await assertRejectsCode(() => verifyOp(d, { artifactId: "abc" }), "invalid_input");
    await assertRejectsCode(() => verifyOp(d, { artifactId: "f".repeat(8) }), "artifact_not_found");
    assertEquals((await verifyOp(d, { artifactId: r.artifact_id.slice(0, 8) })).artifact_id, r.artifact_id);
    assertEquals(exitCodeFor("artifact_not_found"), 3);
  }));
