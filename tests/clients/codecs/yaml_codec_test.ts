/** YAML codec: map and list shapes, block and flow containers, empty files, malformed input. */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { parse as yamlParse } from "yaml";
import { yamlCodec } from "../../../src/clients/codecs/mod.ts";
import { yamlString } from "../../../src/clients/codecs/yaml_emit.ts";
import { AppError } from "../../../src/core/errors.ts";
import type { ServersLocation } from "../../../src/clients/types.ts";
import { entryArb, nameArb, own, plain, readSample } from "./helpers.ts";

const EXT: ServersLocation = { path: ["extensions"], shape: "map" };
const LIST: ServersLocation = { path: ["mcpServers"], shape: "list", nameKey: "name" };

function assertParseError(fn: () => unknown, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, "config_parse_error");
    assert.ok(Number(e.details.line) >= 1 && Number(e.details.column) >= 1);
    assert.match(String(e.details.reason), reason);
    return true;
  });
}

Deno.test("yaml: reads Goose extensions (map) and Continue mcpServers (list items with name)", () => {
  const goose = yamlCodec.readServers(readSample("goose_config.yaml"), EXT);
  assert.deepEqual(Object.keys(goose), ["developer", "filesystem"]);
  assert.deepEqual(goose.filesystem.args, ["-y", "@modelcontextprotocol/server-filesystem", "/home/ana"]);
  const cont = yamlCodec.readServers(readSample("continue_config.yaml"), LIST);
  assert.deepEqual(cont.Playwright, {
    name: "Playwright",
    command: "npx",
    args: ["@playwright/mcp@latest"],
    env: { DEBUG: "pw:*" },
  });
  assert.deepEqual(yamlCodec.readServers("# only a comment\n", LIST), {});
  assert.deepEqual(yamlCodec.parse(""), {});
});

Deno.test("yaml: new entries are block style at the siblings' indentation, keys in insertion order", () => {
  const text = readSample("goose_config.yaml");
  const out = yamlCodec.writeServers(text, EXT, {
    memory: {
      type: "stdio",
      cmd: "npx",
      args: ["-y", "@modelcontextprotocol/server-memory"],
      envs: {},
      enabled: true,
    },
  });
  const added =
    '    memory:\n        type: stdio\n        cmd: npx\n        args:\n            - -y\n            - "@modelcontextprotocol/server-memory"\n        envs: {}\n        enabled: true\n';
  assert.equal(out, text.replace("# end of extensions\n", added + "# end of extensions\n"));
});

Deno.test("yaml: replacing an entry rewrites only its span; removing keeps neighbouring comments", () => {
  const text = readSample("continue_config.yaml");
  const out = yamlCodec.writeServers(text, LIST, { SQLite: { command: "uvx", args: ["mcp-server-sqlite"] } });
  const start = text.indexOf("name: SQLite");
  const end = text.indexOf("  # Playwright");
  assert.equal(out.slice(0, start), text.slice(0, start));
  assert.ok(out.endsWith(text.slice(end)));
  assert.equal(
    out.slice(start, out.length - (text.length - end)),
    "name: SQLite\n    command: uvx\n    args:\n      - mcp-server-sqlite\n",
  );
  const removed = yamlCodec.writeServers(text, LIST, { Playwright: null });
  assert.ok(removed.includes("  # Playwright for browser tasks\n\nrules:"));
});

Deno.test("yaml: empty file, missing container, null container and empty flow containers", () => {
  assert.equal(
    yamlCodec.writeServers("", LIST, { a: { command: "x" } }),
    "mcpServers:\n  - name: a\n    command: x\n",
  );
  assert.equal(
    yamlCodec.writeServers("models: []\n", EXT, { a: { cmd: "x" } }),
    "models: []\nextensions:\n  a:\n    cmd: x\n",
  );
  assert.equal(
    yamlCodec.writeServers("extensions:\nx: 1\n", EXT, { a: { cmd: "x" } }),
    "extensions:\n  a:\n    cmd: x\nx: 1\n",
  );
  assert.equal(
    yamlCodec.writeServers("extensions: {} # none\n", EXT, { a: { cmd: "x" } }),
    "extensions: # none\n  a:\n    cmd: x\n",
  );
  assert.equal(
    yamlCodec.writeServers("mcpServers: []", LIST, { a: { command: "x" } }),
    "mcpServers:\n  - name: a\n    command: x",
  );
  const nested = yamlCodec.writeServers("a: 1\n", { path: ["mcp", "servers"], shape: "map" }, {
    s: { url: "u" },
  });
  assert.equal(nested, "a: 1\nmcp:\n  servers:\n    s:\n      url: u\n");
  assert.equal(
    yamlCodec.writeServers("\uFEFF", EXT, { a: { cmd: "x" } }),
    "\uFEFFextensions:\n  a:\n    cmd: x\n",
  );
});

Deno.test("yaml: non-empty flow containers are edited as JSON flow text", () => {
  const text = "extensions: {a: {cmd: x}, b: {cmd: y}}\n";
  assert.equal(
    yamlCodec.writeServers(text, EXT, { c: { cmd: "z" } }),
    'extensions: {a: {cmd: x}, b: {cmd: y}, "c": {"cmd":"z"}}\n',
  );
  assert.equal(yamlCodec.writeServers(text, EXT, { a: null }), "extensions: {b: {cmd: y}}\n");
  assert.equal(yamlCodec.writeServers(text, EXT, { b: null }), "extensions: {a: {cmd: x}}\n");
  assert.equal(
    yamlCodec.writeServers(text, EXT, { a: { cmd: "q" } }),
    'extensions: {a: {"cmd":"q"}, b: {cmd: y}}\n',
  );
});

Deno.test("yaml: strings of every kind round-trip and prototype keys stay ordinary keys", () => {
  fc.assert(
    fc.property(nameArb, entryArb, (name, entry) => {
      const out = yamlCodec.writeServers(
        "extensions:\n  keep: {cmd: k}\n",
        EXT,
        own([[name, entry]]) as Record<string, never>,
      );
      const data = plain(yamlParse(out)) as Record<string, Record<string, unknown>>;
      assert.deepStrictEqual(data.extensions, own([["keep", { cmd: "k" }], [name, entry]]));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
    { numRuns: 150 },
  );
});

/** The parse oracle the emitter used before: the string reads back as itself under YAML 1.2 and 1.1 as a
 * value, a sequence item and a key. */
const OLD_SAFE = /^[A-Za-z0-9_./~$+=@-](?:[A-Za-z0-9_./~$+=@:-]| (?! ))*$/;

function readsBackPlain(s: string): boolean {
  const same = (src: string, expect: unknown) => {
    try {
      const a = yamlParse(src, { version: "1.2", logLevel: "error" });
      const b = yamlParse(src, { version: "1.1", logLevel: "error" });
      return JSON.stringify(a) === JSON.stringify(expect) && JSON.stringify(b) === JSON.stringify(expect);
    } catch {
      return false;
    }
  };
  return same(`k: ${s}\n`, { k: s }) && same(`- ${s}\n`, [s]) && same(`${s}: 0\n`, own([[s, 0]]));
}

Deno.test("yaml: a string is written plain only when it parses back as itself (the emitter parses nothing)", () => {
  const words = [
    ..."y Y yes No on OFF true True ~ null NULL 0x1f 0o17 017 1_000 1:20 1:20.5 .inf -.Inf .NaN".split(" "),
    ..."2001-12-14 2001-12-14t21:59:43.10-05:00 << = - -- --- ... -y @x 1e5 +1 -0 0b101 -.5 ._ a b".split(
      " ",
    ),
    "--- x",
    "a  b",
    "a #b",
    "-1:2",
    "npx",
    "@scope/pkg",
    "C:/x",
    "x: y",
  ];
  const alphabet = [..."aYn019_./~$+=@:- eExob#<?'\"!&*,[{%`|>.tTrufl"];
  const corpus = fc.oneof(
    fc.constantFrom(...words),
    fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 8 }),
  );
  fc.assert(
    fc.property(corpus, (s) => {
      const plainNow = yamlString(s) === s;
      // Never plain when it would not read back; plain whenever the old emitter wrote it plain (its
      // characters, then six parses), but for a bare document marker.
      const before = OLD_SAFE.test(s) && !s.endsWith(" ") && !s.includes(": ") && !s.endsWith(":") &&
        readsBackPlain(s);
      if (plainNow) assert.ok(readsBackPlain(s), JSON.stringify(s));
      assert.equal(plainNow, before && !["---", "..."].includes(s), JSON.stringify(s));
      assert.equal(yamlParse(`k: ${yamlString(s)}\n`).k, s);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("yaml: a server whose anchor another entry uses is not changed or removed (invalid_input)", () => {
  const text = "extensions:\n  ours:\n    cmd: &c npx\n  theirs:\n    cmd: *c\n";
  for (const change of [{ ours: null }, { ours: { cmd: "uvx" } }]) {
    assert.throws(() => yamlCodec.writeServers(text, EXT, change), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, "invalid_input");
      assert.match(e.message, /anchor &c/);
      return true;
    });
  }
  // Its own alias, an unchanged entry, or an anchor nobody uses: edited as usual.
  assert.equal(
    yamlCodec.writeServers("extensions:\n  ours:\n    a: &c x\n    b: *c\n", EXT, { ours: null }),
    "extensions:\n",
  );
  assert.equal(yamlCodec.writeServers(text, EXT, { ours: { cmd: "npx" } }), text);
  assert.equal(
    yamlCodec.writeServers("extensions:\n  ours:\n    cmd: &c npx\n", EXT, { ours: null }),
    "extensions:\n",
  );
});

Deno.test("yaml: malformed input throws config_parse_error", () => {
  assertParseError(() => yamlCodec.parse("extensions:\n  a: [1, 2\n"), /.+/);
  assertParseError(() => yamlCodec.parse("a: 1\na: 2\n"), /unique/);
  assertParseError(() => yamlCodec.parse("- 1\n- 2\n"), /root is not a mapping/);
  assertParseError(() => yamlCodec.parse("a: 'open\n"), /.+/);
  assertParseError(() => yamlCodec.parse("a: 1\n---\nb: 2\n"), /multiple documents|document/i);
  assertParseError(
    () => yamlCodec.readServers("mcpServers:\n  a: 1\n", LIST),
    /is a mapping, expected a list/,
  );
  assertParseError(() => yamlCodec.readServers("extensions:\n  - a\n", EXT), /is a list, expected a mapping/);
  assertParseError(() => yamlCodec.writeServers("extensions: [\n", EXT, { a: { cmd: "x" } }), /.+/);
});
