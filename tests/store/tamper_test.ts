import { assert, assertEquals, assertRejects } from "../core/assert.ts";
import { join } from "node:path";
import { SAMPLE_PAYLOAD, withHome } from "../helpers/home.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { verifyOp } from "../../src/ops/verify.ts";
import { exitCodeFor } from "../../src/core/errors.ts";
import type { Deps } from "../../src/platform/deps.ts";

async function expectExit5(d: Deps, id: string, what: string) {
  const e = await assertRejects(
    () => verifyOp(d, { artifactId: id }),
    undefined,
    `${what}: tampering went unnoticed`,
  );
  assertEquals(exitCodeFor(e.code!), 5, `${what}: got ${e.code} ${e.message}`);
}

/** Flips one bit of byte i, runs the check, restores the file. */
async function eachFlip(path: string, check: (i: number) => Promise<void>, step = 1) {
  const orig = await Deno.readFile(path);
  for (let i = 0; i < orig.length; i += step) {
    const b = orig.slice();
    b[i] ^= i % 7 === 0 ? 0x20 : 0x01;
    await Deno.writeFile(path, b);
    await check(i);
  }
  await Deno.writeFile(path, orig);
}

Deno.test("every single-byte change of an artifact, its index or the trusted key is refused (exit 5)", () =>
  withHome(async (h) => {
    const d = h.deps();
    const k = await init(d);
    const r = await publish(d, {
      client: "cursor",
      profile: "default",
      payload: SAMPLE_PAYLOAD,
      changelog: "é ünï",
    });
    await eachFlip(
      join(h.home, "artifacts", `${r.artifact_id}.json`),
      (i) => expectExit5(d, r.artifact_id, `artifact byte ${i}`),
    );
    await eachFlip(
      join(h.home, "index/cursor/default.json"),
      (i) => expectExit5(d, r.artifact_id, `index byte ${i}`),
      3,
    );
    await eachFlip(
      join(h.home, `keys/trusted/${k.key_id}.pub`),
      (i) => expectExit5(d, r.artifact_id, `key byte ${i}`),
      2,
    );
    assertEquals((await verifyOp(d, { artifactId: r.artifact_id })).status, "verified");
  }));

Deno.test("an artifact signed by an untrusted key is refused", () =>
  withHome(async (h) => {
    const d = h.deps();
    const k = await init(d);
    const r = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    await Deno.remove(join(h.home, `keys/trusted/${k.key_id}.pub`));
    await expectExit5(d, r.artifact_id, "untrusted");
  }));

Deno.test("openssl accepts our signatures over the canonical payload bytes", async (t) => {
  const probe = await new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" })
    .output()
    .catch(() => null);
  if (!probe?.success) {
    console.log("openssl not found: skipped");
    return;
  }
  await withHome(async (h) => {
    const d = h.deps();
    await init(d);
    const r = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    const a = JSON.parse(await Deno.readTextFile(join(h.home, "artifacts", `${r.artifact_id}.json`)));
    const { canonicalBytes } = await import("../../src/core/canonical_json.ts");
    await Deno.writeFile(join(h.userHome, "payload.bin"), canonicalBytes(a.payload));
    await Deno.writeFile(
      join(h.userHome, "sig.bin"),
      Uint8Array.from(atob(a.signature), (c) => c.charCodeAt(0)),
    );
    const out = await new Deno.Command("openssl", {
      args: [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        join(h.home, "keys/signing.pub"),
        "-rawin",
        "-in",
        join(h.userHome, "payload.bin"),
        "-sigfile",
        join(h.userHome, "sig.bin"),
      ],
    }).output();
    await t.step("openssl verify", () => {
      assertEquals(out.success, true, new TextDecoder().decode(out.stderr));
      assert.match(new TextDecoder().decode(out.stdout), /Signature Verified Successfully/);
    });
    // And openssl reads the private key too.
    const key = await new Deno.Command("openssl", {
      args: ["pkey", "-in", join(h.home, "keys/signing.key"), "-noout"],
    }).output();
    assertEquals(key.success, true);
  });
});
