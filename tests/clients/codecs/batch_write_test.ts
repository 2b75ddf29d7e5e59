/**
 * Every codec plans a batch of changes on one parse of the document (a 500-server deploy re-read the
 * whole YAML or TOML file once per entry: 12.7 s into a Goose file). Whatever the changes and their
 * order, the bytes must be those of applying them one by one, in the same order; and a batch of 500
 * reads the document a bounded number of times.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { codecFor } from "../../../src/clients/codecs/mod.ts";
import type { Format, NativeEntry, ServersLocation } from "../../../src/clients/types.ts";
import { entryArb, nameArb, own, readSample, SAMPLES } from "./helpers.ts";

const map = (...path: string[]): ServersLocation => ({ path, shape: "map" });
const list = (...path: string[]): ServersLocation => ({ path, shape: "list", nameKey: "name" });
const SYNTHETIC: { text: string; format: Format; loc: ServersLocation }[] = [
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
    loc: list("servers"),
  },
  {
    text: 'mcp_servers = { a = { command = "x" }, b = { command = "y" } } # mine\nmodel = "m"\n',
    format: "toml",
    loc: map("mcp_servers"),
  },
  {
    text: 'mcp_servers = {\n  a = { command = "x" }, # A\n  b = { command = "y" }, # B\n} # end\n[x]\ny = 1',
    format: "toml",
    loc: map("mcp_servers"),
  },
  {
    text: '[mcp_servers]\na = { command = "x" } # c\nb.command = "y"\nb.args = ["1"]\n\n[other]\nk = 1',
    format: "toml",
    loc: map("mcp_servers"),
  },
  {
    text:
      'mcp_servers.a.command = "x"\nmcp_servers.b = { command = "y" }\n\n[[arr]]\nx = """\n[mcp_servers.z]\n"""\n',
    format: "toml",
    loc: map("mcp_servers"),
  },
  {
    text: '[mcp_servers.a]\ncommand = "x"\n\n\n[mcp_servers.b]\ncommand = "y"\n# trailing comment\n\n',
    format: "toml",
    loc: map("mcp_servers"),
  },
  {
    text:
      '[mcp_servers.a]\r\ncommand = "x"\r\n\r\n[mcp_servers.a.env]\r\nK = "v"\r\n\r\n[mcp_servers.b]\r\ncommand = "y"',
    format: "toml",
    loc: map("mcp_servers"),
  },
  { text: "", format: "toml", loc: map("mcp_servers") },
  { text: "x = 1", format: "toml", loc: map("mcp_servers") },
  { text: "mcp = { other = 1 }\n", format: "toml", loc: map("mcp", "servers") },
  {
    text: "extensions:\n  a:\n    cmd: x\n  # about b\n  b:\n    cmd: y\n",
    format: "yaml",
    loc: map("extensions"),
  },
  { text: "extensions: {a: {cmd: x}, b: {cmd: y}}\nother: 1\n", format: "yaml", loc: map("extensions") },
  { text: "extensions: {}\n", format: "yaml", loc: map("extensions") },
  { text: "extensions:\nz: 1\n", format: "yaml", loc: map("extensions") },
  { text: "", format: "yaml", loc: map("extensions") },
  { text: "{x: 1}\n", format: "yaml", loc: map("extensions") },
  {
    text: "mcpServers:\n    - name: a\n      command: x\n    # b next\n    - name: b\n      command: y\n",
    format: "yaml",
    loc: list("mcpServers"),
  },
  { text: "mcpServers: [{name: a, command: x}, {name: b}]\n", format: "yaml", loc: list("mcpServers") },
  { text: "mcpServers:\n- name: a\n- name: a\n  command: y\n", format: "yaml", loc: list("mcpServers") },
];

const cases = [
  ...SAMPLES.flatMap((s) =>
    s.locs.map((loc) => ({
      label: `${s.file} @ ${loc.path.join(".")}`,
      text: readSample(s.file),
      format: s.format,
      loc,
    }))
  ),
  ...SYNTHETIC.map((s, i) => ({ label: `synthetic ${i} (${s.format})`, ...s })),
];

for (const c of cases) {
  Deno.test(`batch writes equal one-by-one writes: ${c.label}`, () => {
    const codec = codecFor(c.format);
    const existing = Object.keys(codec.readServers(c.text, c.loc));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(nameArb, entryArb), { maxLength: 8, selector: ([n]) => n }),
        fc.subarray(existing),
        fc.subarray(existing),
        fc.array(fc.nat(), { minLength: 32, maxLength: 32 }),
        (adds, removed, updated, order) => {
          const pairs: [string, NativeEntry | null][] = [
            ...adds.filter(([n]) => !existing.includes(n)),
            ...updated.filter((n) => !removed.includes(n)).map((
              n,
            ): [string, NativeEntry] => [n, { command: `new-${n}` }]),
            ...removed.map((n): [string, null] => [n, null]),
          ];
          // Half the runs in the order a deploy uses (removals first), half shuffled.
          const rank = (p: [string, NativeEntry | null], i: number) =>
            order[0] % 2 ? (p[1] === null ? 0 : 1) : order[i % order.length];
          const ordered = pairs.map((p, i) => ({ p, key: rank(p, i), i }))
            .sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.p);
          const changes = own(ordered) as Record<string, NativeEntry | null>;
          let oneByOne = c.text;
          let emptied = false;
          try {
            for (const [n, v] of ordered) {
              oneByOne = codec.writeServers(
                oneByOne,
                c.loc,
                own([[n, v]]) as Record<string, NativeEntry | null>,
              );
              emptied ||= oneByOne.trim() === "";
            }
          } catch {
            // A change the format cannot hold one way cannot be held the other way either.
            assert.throws(() => codec.writeServers(c.text, c.loc, changes));
            return;
          }
          const batch = codec.writeServers(c.text, c.loc, changes);
          // One at a time, a file emptied on the way forgets its line breaks (CRLF); a batch keeps them.
          if (emptied) assert.deepEqual(codec.parse(batch), codec.parse(oneByOne));
          else assert.equal(batch, oneByOne);
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
