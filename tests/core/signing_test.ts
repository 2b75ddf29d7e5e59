import { assert, assertEquals } from "./assert.ts";
import { generateKeyPair, keyIdOfPem, publicPemOf, sign, verify } from "../../src/core/signing.ts";
import { canonicalBytes } from "../../src/core/canonical_json.ts";
import { checkArtifactRef, checkName } from "../../src/core/names.ts";
import { assertThrowsCode } from "./assert.ts";

Deno.test("keys round-trip through PEM and sign/verify", async () => {
  const k = await generateKeyPair();
  assert.match(k.privatePem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(k.publicPem, /^-----BEGIN PUBLIC KEY-----\n/);
  assertEquals(await keyIdOfPem(k.publicPem), k.keyId);
  assertEquals(await publicPemOf(k.privatePem), k.publicPem);
  const data = canonicalBytes({ mcpServers: { a: { command: "x" } } });
  const sig = await sign(k.privatePem, data);
  assertEquals(await verify(k.publicPem, data, sig), true);
  const other = await generateKeyPair();
  assertEquals(await verify(other.publicPem, data, sig), false);
  const flipped = data.slice();
  flipped[3] ^= 1;
  assertEquals(await verify(k.publicPem, flipped, sig), false);
  assertEquals(await verify(k.publicPem, data, "not base64!"), false);
  assertEquals(await verify(k.publicPem, data, btoa("short")), false);
});

Deno.test("names and artifact references are checked", () => {
  for (const ok of ["a", "cursor", "claude-desktop", "p.1_x", "0" + "a".repeat(63)]) checkName("client", ok);
  for (const bad of ["", "A", "-a", "a/b", "..", "a b", "a".repeat(65), "é", "a\u0000", 3, null]) {
    assertThrowsCode(() => checkName("profile", bad), "invalid_input");
  }
  checkArtifactRef("abcdef01");
  checkArtifactRef("a".repeat(64));
  for (const bad of ["abcdef0", "ABCDEF01", "g".repeat(8), "a".repeat(65), "../../etc"]) {
    assertThrowsCode(() => checkArtifactRef(bad), "invalid_input");
  }
});
