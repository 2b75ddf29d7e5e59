import { assertEquals } from "./assert.ts";
import fc from "../helpers/fc.ts";
import { sha256Hex, sha256HexSync, toHex } from "../../src/core/digest.ts";

const webcrypto = async (b: Uint8Array) =>
  toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", b as BufferSource)));

Deno.test("sha256HexSync gives the FIPS 180-4 example digests", () => {
  assertEquals(sha256HexSync(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assertEquals(sha256HexSync("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assertEquals(
    sha256HexSync("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
  assertEquals(
    sha256HexSync("a".repeat(1_000_000)),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  );
});

Deno.test("sha256HexSync equals WebCrypto for every length around the block boundaries", async () => {
  for (let n = 0; n <= 200; n++) {
    const b = crypto.getRandomValues(new Uint8Array(n));
    assertEquals(sha256HexSync(b), await webcrypto(b), `length ${n}`);
  }
});

Deno.test("sha256HexSync equals WebCrypto on random bytes and strings (UTF-8)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 3000 }),
      async (b) => sha256HexSync(b) === await webcrypto(b),
    ),
    {
      numRuns: 300,
    },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      async (s) => sha256HexSync(s) === await webcrypto(new TextEncoder().encode(s)),
    ),
    { numRuns: 300 },
  );
});

Deno.test("sha256Hex gives the same digest on both sides of its synchronous limit", async () => {
  for (const n of [16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000]) {
    const b = new Uint8Array(n).map((_, i) => (i * 131 + n) & 0xff);
    assertEquals(await sha256Hex(b), await webcrypto(b), `length ${n}`);
    assertEquals(await sha256Hex(b), sha256HexSync(b), `length ${n}`);
  }
});
