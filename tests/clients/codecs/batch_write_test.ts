/**
 * Every codec plans a batch of changes on one parse of the document (a 500-server deploy re-read the
 * whole YAML or TOML file once per entry: 12.7 s into a Goose file). Whatever the changes and their
 * order, the bytes must be those of applying them one by one, in the same order; and a batch of 500
 * reads the document a bounded number of times.
 */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { codecFor } from "../../../src/clients/codecs/mod.ts";
import { parseCounter } from "../../../src/clients/codecs/shared.ts";
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
            // In the batch's own order: an object lists integer-like names ("0") first.
            for (const [n, v] of Object.entries(changes)) {
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
          // One at a time, a file emptied on the way forgets its line breaks (CRLF); and each write
          // detects the indent unit again, from text holding our previous entries when the user's file
          // had no indented line (one-line JSON). A batch detects both once, from the user's text.
          const flatJson = c.format.startsWith("json") && !/\n[ \t]+["{}[\]]/.test(c.text);
          if (emptied || flatJson) assert.deepEqual(codec.parse(batch), codec.parse(oneByOne));
          else assert.equal(batch, oneByOne);
        },
      ),
      { numRuns: 60 },
    );
  });
}

/** 500 servers as a deploy writes them: `{command, args}` each, named srv000..srv499. */
const FIVE_HUNDRED: Record<string, NativeEntry> = {};
for (let i = 0; i < 500; i++) {
  FIVE_HUNDRED[`srv${String(i).padStart(3, "0")}`] = { command: "npx", args: ["-y", `pkg-${i}`] };
}
const names = Object.keys(FIVE_HUNDRED);
const all = (v: (n: string, i: number) => NativeEntry | null) =>
  Object.fromEntries(names.map((n, i) => [n, v(n, i)])) as Record<string, NativeEntry | null>;

/** Each format: a small file of the user's, and the text a server takes in it (`v` its package). */
const BIG: {
  label: string;
  format: Format;
  loc: ServersLocation;
  text: string;
  entry: (name: string, v: string) => string;
  /** Where the 500 go: the text before and after them. */
  split: (text: string) => [string, string];
}[] = [
  {
    label: "json",
    format: "json",
    loc: map("mcpServers"),
    text: '{\n  "theme": "dark",\n  "mcpServers": {\n    "keep": {"command": "x"}\n  }\n}\n',
    entry: (n, v) =>
      `,\n    "${n}": {\n      "command": "npx",\n      "args": [\n        "-y",\n        "${v}"\n      ]\n    }`,
    split: (t) => [t.slice(0, t.indexOf("}\n  }") + 1), t.slice(t.indexOf("}\n  }") + 1)],
  },
  {
    label: "jsonc",
    format: "jsonc",
    loc: map("servers"),
    text: '{\n  // mine\n  "servers": {\n    "keep": {"command": "x"}, // kept\n  },\n}\n',
    entry: (n, v) =>
      `\n    "${n}": {\n      "command": "npx",\n      "args": [\n        "-y",\n        "${v}"\n      ]\n    },`,
    split: (t) => [t.slice(0, t.indexOf(" // kept") + 8), t.slice(t.indexOf(" // kept") + 8)],
  },
  {
    label: "toml (codex)",
    format: "toml",
    loc: map("mcp_servers"),
    text: '# mine\nmodel = "gpt-5"\n\n[mcp_servers.keep]\ncommand = "x" # kept\n',
    entry: (n, v) => `\n[mcp_servers.${n}]\ncommand = "npx"\nargs = ["-y", "${v}"]\n`,
    split: (t) => [t, ""],
  },
  {
    label: "toml (inline container)",
    format: "toml",
    loc: map("mcp_servers"),
    text: 'mcp_servers = { keep = { command = "x" } } # kept\nmodel = "gpt-5"\n',
    entry: (n, v) => `, ${n} = { command = "npx", args = ["-y", "${v}"] }`,
    split: (t) => [t.slice(0, t.indexOf(" } #")), t.slice(t.indexOf(" } #"))],
  },
  {
    label: "yaml (goose map)",
    format: "yaml",
    loc: map("extensions"),
    text: "# mine\nextensions:\n  keep:\n    cmd: x # kept\n# end\nGOOSE_MODEL: m\n",
    entry: (n, v) => `  ${n}:\n    command: npx\n    args:\n      - -y\n      - ${v}\n`,
    split: (t) => [t.slice(0, t.indexOf("# end")), t.slice(t.indexOf("# end"))],
  },
  {
    label: "yaml (continue list)",
    format: "yaml",
    loc: list("mcpServers"),
    text: "name: mine\nmcpServers:\n  - name: keep\n    command: x\n",
    entry: (n, v) => `  - name: ${n}\n    command: npx\n    args:\n      - -y\n      - ${v}\n`,
    split: (t) => [t, ""],
  },
];

for (const b of BIG) {
  Deno.test(`${b.label}: 500 servers added, updated and removed in one batch each, on a bounded number of parses`, () => {
    const codec = codecFor(b.format);
    const parses = (f: () => string) => {
      const n = parseCounter.count;
      const out = f();
      return { out, parses: parseCounter.count - n };
    };
    const [head, tail] = b.split(b.text);
    const expect = (v: (i: number) => string) => head + names.map((n, i) => b.entry(n, v(i))).join("") + tail;

    const added = parses(() => codec.writeServers(b.text, b.loc, all((n) => FIVE_HUNDRED[n])));
    assert.equal(added.out, expect((i) => `pkg-${i}`));
    // The read of the file, the batch, and the self-check read of the result: never one per entry.
    assert.ok(added.parses <= 3, `${added.parses} parses to add 500`);

    const updated = parses(() =>
      codec.writeServers(added.out, b.loc, all((_n, i) => ({ command: "npx", args: ["-y", `new-${i}`] })))
    );
    assert.equal(updated.out, expect((i) => `new-${i}`));
    assert.ok(updated.parses <= 3, `${updated.parses} parses to update 500`);

    const removed = parses(() => codec.writeServers(updated.out, b.loc, all(() => null)));
    assert.equal(removed.out, b.text);
    assert.ok(removed.parses <= 3, `${removed.parses} parses to remove 500`);
  });
}
