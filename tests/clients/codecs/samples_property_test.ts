/**
 * Every codec against every real-world sample: no-op writes are byte-identical; adding, replacing
 * and removing one entry changes only that entry's span and the data changes by exactly that entry;
 * delete + re-add gives the same data; BOM, line endings and the final-newline state survive.
 */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { codecFor } from "../../../src/clients/codecs/mod.ts";
import type { NativeEntry } from "../../../src/clients/types.ts";
import {
  dropEmpty,
  entryArb,
  entryRegion,
  keptOutside,
  nameArb,
  own,
  readSample,
  SAMPLES,
  withChange,
} from "./helpers.ts";

const RUNS = { numRuns: 40 };

/** The file-level invariants every write keeps. */
function assertStyleKept(before: string, after: string): void {
  assert.equal(after.startsWith("\uFEFF"), before.startsWith("\uFEFF"), "BOM kept");
  assert.equal(after.endsWith("\n"), before.endsWith("\n"), "final newline state kept");
  if (before.includes("\r\n")) assert.ok(!/[^\r]\n/.test(after), "CRLF kept on every line");
  else assert.ok(!after.includes("\r\n"), "LF kept");
}

/** Region of `name` in `text` (BOM-aware); null when the entry is not in table/member form. */
function region(
  text: string,
  format: Parameters<typeof entryRegion>[1],
  loc: Parameters<typeof entryRegion>[2],
  name: string,
) {
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  if (format === "toml" && !text.includes(`[${loc.path.join(".")}.`)) return null;
  const [a, b] = entryRegion(text.slice(bom), format, loc, name);
  return [a + bom, b + bom] as [number, number];
}

for (const sample of SAMPLES) {
  const codec = codecFor(sample.format);
  const text = readSample(sample.file);
  for (const loc of sample.locs) {
    const label = `${sample.file} @ ${loc.path.join(".")}`;
    const current = codec.readServers(text, loc);
    const names = Object.keys(current);
    const hadContainer = names.length > 0;

    Deno.test(`${label}: unchanged and deep-equal writes are byte-identical`, () => {
      assert.equal(codec.writeServers(text, loc, {}), text);
      assert.equal(codec.writeServers(text, loc, current), text);
      assert.equal(codec.writeServers(text, loc, { "not-there-at-all": null }), text);
    });

    Deno.test(`${label}: adding an entry is a pure, reversible insertion`, () => {
      fc.assert(
        fc.property(nameArb, entryArb, (name, entry) => {
          fc.pre(!Object.hasOwn(current, name));
          const out = codec.writeServers(text, loc, own([[name, entry]]) as Record<string, NativeEntry>);
          assert.deepStrictEqual(codec.parse(out), withChange(codec.parse(text), loc, name, entry));
          assertStyleKept(text, out);
          let p = 0;
          while (p < text.length && text[p] === out[p]) p++;
          let s = 0;
          while (s < text.length - p && text[text.length - 1 - s] === out[out.length - 1 - s]) s++;
          const gap = text.slice(p, text.length - s);
          if (sample.format === "json" || sample.format === "jsonc") {
            // only a comma is added before the kept whitespace/comments that follow the last member
            assert.match(gap, /^(\s|\/\/[^\n]*|\/\*[^]*?\*\/)*$/);
            assert.ok(out.includes(gap));
          } else {
            assert.equal(gap, "", "nothing of the old text was replaced");
          }
          const undone = codec.writeServers(out, loc, own([[name, null]]) as Record<string, null>);
          if (hadContainer) assert.equal(undone, text, "insert then delete restores every byte");
          else assert.deepStrictEqual(codec.readServers(undone, loc), {});
          assert.equal(
            codec.writeServers(out, loc, own([[name, entry]]) as Record<string, NativeEntry>),
            out,
          );
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
        }),
        RUNS,
      );
    });

    if (names.length === 0) continue;

    Deno.test(`${label}: replacing an entry touches only its span`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...names), entryArb, (name, entry) => {
          const out = codec.writeServers(text, loc, own([[name, entry]]) as Record<string, NativeEntry>);
          assert.deepStrictEqual(codec.parse(out), withChange(codec.parse(text), loc, name, entry));
          assertStyleKept(text, out);
          const r = region(text, sample.format, loc, name);
          if (r) assert.ok(keptOutside(text, out, r), `bytes outside ${r} kept`);
          const back = codec.writeServers(
            out,
            loc,
            own([[name, current[name]]]) as Record<string, NativeEntry>,
          );
          assert.deepStrictEqual(codec.readServers(back, loc), current);
        }),
        RUNS,
      );
    });

    Deno.test(`${label}: removing then re-adding each entry`, () => {
      for (const name of names) {
        const removed = codec.writeServers(text, loc, own([[name, null]]) as Record<string, null>);
        const want = withChange(codec.parse(text), loc, name, null);
        assert.deepStrictEqual(dropEmpty(codec.parse(removed), loc), dropEmpty(want, loc));
        assertStyleKept(text, removed);
        const r = region(text, sample.format, loc, name);
        if (r) assert.ok(keptOutside(text, removed, r), `${name}: bytes outside ${r} kept`);
        for (const line of text.split(/\r?\n/)) {
          const comment = /^\s*(#|\/\/)/.test(line) ? line : null;
          if (comment) assert.ok(removed.includes(comment), `comment line kept: ${comment}`);
        }
        const readded = codec.writeServers(
          removed,
          loc,
          own([[name, current[name]]]) as Record<string, NativeEntry>,
        );
        assert.deepStrictEqual(codec.readServers(readded, loc), current);
        const expected = withChange(withChange(codec.parse(text), loc, name, null), loc, name, current[name]);
        assert.deepStrictEqual(codec.parse(readded), expected);
        assertStyleKept(text, readded);
        assert.equal(codec.writeServers(readded, loc, current), readded);
      }
    });
  }
}
