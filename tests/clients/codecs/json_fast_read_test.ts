/** The strict-JSON fast read (parseStrict) stands for the tree walk exactly, or steps aside. */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { MAX_DEPTH, nodeValue, parseRoot, parseStrict } from "../../../src/clients/codecs/json_tree.ts";
import { jsonCodec } from "../../../src/clients/codecs/mod.ts";
import type { ServersLocation } from "../../../src/clients/types.ts";

const MCP: ServersLocation = { path: ["mcpServers"], shape: "map" };
const KEYS = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("__proto__", 'a"b', "a\\\\", "x:y", "\u00e9", "\ud83d\ude00", "constructor"),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -0, 1e21, 1.5, -3),
    fc.string({ maxLength: 8 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(KEYS, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const doc = fc.dictionary(KEYS, json, { maxKeys: 5 });
const indent = fc.constantFrom(0, 1, 2, 4, "\t");

Deno.test("parseStrict equals the tree parser's value on any strict JSON object", () => {
  fc.assert(
    fc.property(doc, indent, (v, ind) => {
      const text = JSON.stringify(v, null, ind);
      const fast = parseStrict(text);
      assert.ok(fast, text);
      assert.deepEqual(fast.value, nodeValue(parseRoot("json", text)));
    }),
    { numRuns: 1500 },
  );
});

Deno.test("parseStrict steps aside on a repeated key anywhere, however deep", () => {
  fc.assert(
    fc.property(doc, fc.string({ maxLength: 5 }), json, fc.nat(), (v, key, dupValue, at) => {
      // Insert `"key": x, "key": y,` right after one of the document's opening braces.
      const text = JSON.stringify(v);
      const braces = [...text.matchAll(/\{/g)].map((m) => m.index!).filter((i) => !insideString(text, i));
      const i = braces[at % braces.length] + 1;
      const k = JSON.stringify(key);
      const dup = `${k}:${JSON.stringify(dupValue)},${k}:1${text[i] === "}" ? "" : ","}`;
      const withDup = text.slice(0, i) + dup + text.slice(i);
      assert.equal(parseStrict(withDup), undefined, withDup);
    }),
    { numRuns: 1000 },
  );
});

/** True when offset i of strict JSON text is inside a string token. */
function insideString(text: string, i: number): boolean {
  let inside = false;
  for (let j = 0; j < i; j++) {
    if (text[j] === "\\" && inside) j++;
    else if (text[j] === '"') inside = !inside;
  }
  return inside;
}

Deno.test("parseStrict steps aside on comments, trailing commas, syntax errors and nesting deeper than the limit", () => {
  for (
    const text of [
      '{ "a": 1 // note\n}',
      '{ "a": 1, }',
      '{ "a": [1, 2,] }',
      '{ "a": 1 /* c */ }',
      '{ "a": }',
      '{ "a": 1 ',
      "{ 'a': 1 }",
      "",
    ]
  ) assert.equal(parseStrict(text), undefined, text);
  const deep = (n: number) => "[".repeat(n - 1) + "{}" + "]".repeat(n - 1);
  assert.ok(parseStrict(`{"a":${deep(MAX_DEPTH - 1)}}`));
  assert.equal(parseStrict(`{"a":${deep(MAX_DEPTH)}}`), undefined);
  // A key-like string inside a value is not a key.
  assert.ok(parseStrict('{"a": "\\"b\\": 1", "b": ["c:", "\\\\", {"d": "\\":"}]}'));
});

Deno.test("json codec: the fast read keeps the slow path's answers for repeated keys and wrong types", () => {
  // A repeated key inside the servers container: refused with its position (the tree parser's message).
  assert.throws(
    () => jsonCodec.readServers('{\n  "mcpServers": {\n    "a": {},\n    "a": {}\n  }\n}\n', MCP),
    (e: any) =>
      e.code === "config_parse_error" && e.details.line === 4 && /duplicate key "a"/.test(e.details.reason),
  );
  // A repeated key elsewhere (a user setting) is the user's business: the servers still read.
  assert.deepEqual(
    Object.keys(
      jsonCodec.readServers('{"theme": 1, "theme": 2, "mcpServers": {"x": {"command": "y"}}}', MCP),
    ),
    ["x"],
  );
  assert.throws(
    () => jsonCodec.readServers('{\n  "mcpServers": [1]\n}', MCP),
    (e: any) =>
      e.code === "config_parse_error" && e.details.line === 2 && /expected an object/.test(e.details.reason),
  );
  assert.deepEqual(jsonCodec.readServers('{"mcpServers": null}', MCP), {});
  assert.deepEqual(jsonCodec.readServers('{"other": {}}', MCP), {});
  const proto = jsonCodec.readServers('{"mcpServers": {"__proto__": {"command": "x"}}}', MCP);
  assert.deepEqual(Object.keys(proto), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
});
