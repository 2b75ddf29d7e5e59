/** decodeExact: every accepted byte string comes back byte for byte; a BOM is kept; invalid UTF-8 is null. */
import fc from "fast-check";
import { assert, assertEquals } from "./assert.ts";
import { decodeExact, encodeText } from "../../src/core/utf8.ts";

Deno.test("decodeExact: encodeText(decodeExact(b)) is b for every byte string it accepts", () => {
  const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]);
  const utf8 = fc.string({ unit: "binary" }).map((s) => [...new TextEncoder().encode(s)]);
  const bytes = fc.oneof(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), utf8);
  fc.assert(
    fc.property(bom, bytes, (b, rest) => {
      const input = Uint8Array.from([...b, ...rest]);
      const text = decodeExact(input);
      if (text !== null) assertEquals(encodeText(text), input);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("decodeExact keeps a BOM as U+FEFF and refuses invalid UTF-8", () => {
  assertEquals(decodeExact(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), "\uFEFF{}");
  for (const bad of [[0xff], [0x80], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xef, 0xbb]]) {
    assert.equal(decodeExact(Uint8Array.from(bad)), null, JSON.stringify(bad));
  }
});
