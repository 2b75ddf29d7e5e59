import { assertEquals } from "./assert.ts";
import fc from "../helpers/fc.ts";
import { canonicalJson, compareCodePoints, pythonNumber } from "../../src/core/canonical_json.ts";
import { artifactIdOf } from "../../src/core/digest.ts";

// The shared vectors, copied into the repository so a clone alone runs every test; the copy is checked
// against the workspace's `../shared/vectors` whenever that folder is there.
const VECTORS = new URL("../fixtures/vectors/canonical-json.json", import.meta.url);
const SHARED = new URL("../../../shared/vectors/canonical-json.json", import.meta.url);

Deno.test("the repository's copy of the shared vectors equals ../shared/vectors when that folder exists", async () => {
  let shared: Uint8Array;
  try {
    shared = await Deno.readFile(SHARED);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      console.log("../shared/vectors is not beside this clone: comparing against the repository's copy only");
      return;
    }
    throw e;
  }
  assertEquals(await Deno.readFile(VECTORS), shared);
});

Deno.test("every shared vector: canonical text and artifact id match the Python implementation", async () => {
  const { vectors } = JSON.parse(await Deno.readTextFile(VECTORS));
  if (vectors.length < 10) throw new Error("vector file unexpectedly small");
  for (const v of vectors) {
    assertEquals(canonicalJson(v.payload), v.canonical);
    assertEquals(await artifactIdOf(v.payload), v.artifact_id);
  }
});

Deno.test("keys sort by code point, not UTF-16 unit", () => {
  // U+FF61 sorts before U+1F600 by code point, after its high surrogate (0xD83D) by UTF-16 unit.
  assertEquals(compareCodePoints("\uff61", "\u{1F600}") < 0, true);
  assertEquals(canonicalJson({ "\u{1F600}": 1, "\uff61": 2 }), '{"\\uff61":2,"\\ud83d\\ude00":1}');
});

Deno.test("escapes like Python ensure_ascii, slash unescaped, DEL kept", () => {
  assertEquals(canonicalJson('a/b\u007f\u0001"\\\n'), '"a/b\u007f\\u0001\\"\\\\\\n"');
});

Deno.test("numbers print as Python's json does", () => {
  assertEquals(pythonNumber(1e21), "1000000000000000000000");
  assertEquals(pythonNumber(0.5), "0.5");
  assertEquals(pythonNumber(1.5e16), "15000000000000000");
  assertEquals(pythonNumber(1e-5), "1e-05");
  assertEquals(pythonNumber(1.25e17 + 0.5), "125000000000000000");
  assertEquals(pythonNumber(0.0001), "0.0001");
});

Deno.test("canonical form is stable under key order", () => {
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
    const reversed = Object.fromEntries(Object.entries(obj).reverse());
    assertEquals(canonicalJson(reversed), canonicalJson(obj));
    // And it is valid JSON that parses back to the same data.
    assertEquals(JSON.parse(canonicalJson(obj)), JSON.parse(JSON.stringify(obj)));
  }));
});
