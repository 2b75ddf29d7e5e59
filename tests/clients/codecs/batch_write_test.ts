/**
 * The JSON codec applies runs of additions and of removals in one pass (a 500-server deploy took
 * 0.7 s one entry at a time). Whatever the changes, the bytes must be those of applying them one by
 * one, in the same order.
 */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { codecFor } from "../../../src/clients/codecs/mod.ts";
import type { NativeEntry, ServersLocation } from "../../../src/clients/types.ts";
import { entryArb, nameArb, own, readSample, SAMPLES } from "./helpers.ts";

const map = (...path: string[]): ServersLocation => ({ path, shape: "map" });
const SYNTHETIC: { text: string; format: "json" | "jsonc"; loc: ServersLocation }[] = [
  {
    text: '{"mcpServers": {"a": {"command": "x"}, "b": {"command": "y"}}}',
    format: "json",
    loc: map("mcpServers"),
  },
  {
    text: '{\n  "mcpServers": {\n    "a": {"command": "x"},\n    "b": {"command": "y"},\n  },\n}\n',
    format: "jsonc",
    loc: map("mcpServers"),
  },
  {
    text:
      '{\n  // servers\n  "mcpServers": {\n    "a": { "command": "x" }, // first\n    /* b */ "b": { "command": "y" }\n  }\n}\n',
    format: "jsonc",
    loc: map("mcpServers"),
  },
  { text: '{\n  "mcpServers": {}\n}\n', format: "json", loc: map("mcpServers") },
  { text: "{}\n", format: "json", loc: map("mcpServers") },
  {
    text:
      '{\n  "servers": [\n    { "name": "a", "command": "x" },\n    { "name": "b", "command": "y" }\n  ]\n}\n',
    format: "json",
    loc: { path: ["servers"], shape: "list", nameKey: "name" },
  },
];

const cases = [
  ...SAMPLES.filter((s) => s.format === "json" || s.format === "jsonc").flatMap((s) =>
    s.locs.map((loc) => ({
      label: `${s.file} @ ${loc.path.join(".")}`,
      text: readSample(s.file),
      format: s.format,
      loc,
    }))
  ),
  ...SYNTHETIC.map((s, i) => ({ label: `synthetic ${i}`, ...s })),
];

for (const c of cases) {
  Deno.test(`json batch writes equal one-by-one writes: ${c.label}`, () => {
    const codec = codecFor(c.format);
    const existing = Object.keys(codec.readServers(c.text, c.loc));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(nameArb, entryArb), { maxLength: 8, selector: ([n]) => n }),
        fc.subarray(existing),
        fc.subarray(existing),
        (adds, removed, updated) => {
          const pairs: [string, NativeEntry | null][] = [
            ...adds.filter(([n]) => !existing.includes(n)),
            ...updated.filter((n) => !removed.includes(n)).map((
              n,
            ): [string, NativeEntry] => [n, { command: `new-${n}` }]),
            ...removed.map((n): [string, null] => [n, null]),
          ];
          const changes = own(pairs) as Record<string, NativeEntry | null>;
          const batch = codec.writeServers(c.text, c.loc, changes);
          let oneByOne = c.text;
          for (const [n, v] of pairs) {
            oneByOne = codec.writeServers(
              oneByOne,
              c.loc,
              own([[n, v]]) as Record<string, NativeEntry | null>,
            );
          }
          assert.equal(batch, oneByOne);
        },
      ),
      { numRuns: 60 },
    );
  });
}

Deno.test("json batch writes: 500 entries added and removed in well under a second", () => {
  const codec = codecFor("json");
  const loc = map("mcpServers");
  const adds: Record<string, NativeEntry> = {};
  for (let i = 0; i < 500; i++) adds[`srv${i}`] = { command: "npx", args: ["-y", `pkg-${i}`] };
  const t = performance.now();
  const full = codec.writeServers('{\n  "mcpServers": {\n    "keep": {"command": "x"}\n  }\n}\n', loc, adds);
  const removes = Object.fromEntries(Object.keys(adds).map((n) => [n, null]));
  const back = codec.writeServers(full, loc, removes);
  assert.equal(back, '{\n  "mcpServers": {\n    "keep": {"command": "x"}\n  }\n}\n');
  assert.ok(performance.now() - t < 1000);
});
