/** JSON / JSONC codec: reading, edge-case writes, style detection and malformed input. */
import assert from "node:assert/strict";
import { jsoncCodec, jsonCodec } from "../../../src/clients/codecs/mod.ts";
import { AppError } from "../../../src/core/errors.ts";
import type { ServersLocation } from "../../../src/clients/types.ts";
import { own, readSample } from "./helpers.ts";

const MCP: ServersLocation = { path: ["mcpServers"], shape: "map" };

function assertParseError(fn: () => unknown, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, "config_parse_error");
    assert.equal(typeof e.details.line, "number");
    assert.equal(typeof e.details.column, "number");
    assert.match(String(e.details.reason), reason);
    return true;
  });
}

Deno.test("json: reads servers of the samples, comments and trailing commas included", () => {
  assert.deepEqual(Object.keys(jsonCodec.readServers(readSample("claude_code.json"), MCP)), [
    "memory",
    "sentry",
  ]);
  const vscode = jsoncCodec.readServers(readSample("vscode_mcp.jsonc"), { path: ["servers"], shape: "map" });
  assert.deepEqual(vscode.memory, {
    type: "stdio",
    command: "npx",
    args: ["-y", "@modelcontextprotocol/server-memory"],
  });
  const project = {
    path: ["projects", "/home/ana/src/app", "mcpServers"],
    shape: "map",
  } satisfies ServersLocation as ServersLocation;
  assert.equal(jsonCodec.readServers(readSample("claude_code.json"), project).fs.command, "npx");
  assert.deepEqual(jsonCodec.readServers('{"a": 1}', MCP), {});
  assert.deepEqual(jsonCodec.readServers('{"mcpServers": null}', MCP), {});
  assert.deepEqual(jsonCodec.parse(" \n"), {});
  assert.equal(jsonCodec.format, "json");
  assert.equal(jsoncCodec.format, "jsonc");
});

Deno.test("json: __proto__ and constructor are ordinary keys, no prototype pollution", () => {
  const text =
    '{"mcpServers": {"__proto__": {"command": "x", "polluted": true}, "constructor": {"command": "y"}}}';
  const servers = jsonCodec.readServers(text, MCP);
  assert.deepEqual(Object.keys(servers), ["__proto__", "constructor"]);
  assert.equal(Object.getPrototypeOf(servers), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const out = jsonCodec.writeServers(text, MCP, own([["__proto__", null]]) as Record<string, null>);
  assert.deepEqual(Object.keys(jsonCodec.readServers(out, MCP)), ["constructor"]);
});

Deno.test("json: empty text becomes a fresh 2-space document with a final newline", () => {
  const loc = {
    path: ["projects", "/abs/dir", "mcpServers"],
    shape: "map",
  } satisfies ServersLocation as ServersLocation;
  assert.equal(
    jsonCodec.writeServers("", loc, { fs: { command: "npx" } }),
    '{\n  "projects": {\n    "/abs/dir": {\n      "mcpServers": {\n        "fs": {\n          "command": "npx"\n        }\n      }\n    }\n  }\n}\n',
  );
  assert.equal(jsonCodec.writeServers("  \n", MCP, { gone: null }), "  \n");
  const bom = jsonCodec.writeServers("\uFEFF", MCP, { a: { command: "x" } });
  assert.ok(bom.startsWith('\uFEFF{\n  "mcpServers"'));
});

Deno.test("json: a missing container is created at the end of the root object, in the file's style", () => {
  const text = '{\r\n\t"theme": "dark", // mine\r\n\t"nested": {\r\n\t\t"x": 1\r\n\t}\r\n}';
  const out = jsonCodec.writeServers(text, { path: ["mcp", "servers"], shape: "map" }, {
    a: { command: "x" },
  });
  assert.equal(
    out,
    '{\r\n\t"theme": "dark", // mine\r\n\t"nested": {\r\n\t\t"x": 1\r\n\t},\r\n\t"mcp": {\r\n\t\t"servers": {\r\n\t\t\t"a": {\r\n\t\t\t\t"command": "x"\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}',
  );
});

Deno.test("jsonc: trailing-comma style is kept and comments next to members survive", () => {
  const text =
    '{\n  "servers": {\n    "a": {"command": "x"}, // about a\n    // about b\n    "b": {"command": "y"},\n  },\n}\n';
  const loc = { path: ["servers"], shape: "map" } satisfies ServersLocation as ServersLocation;
  const added = jsoncCodec.writeServers(text, loc, { c: { command: "z" } });
  assert.equal(added, text.replace('"y"},\n', '"y"},\n    "c": {\n      "command": "z"\n    },\n'));
  const removed = jsoncCodec.writeServers(text, loc, { b: null });
  assert.equal(
    removed,
    '{\n  "servers": {\n    "a": {"command": "x"}, // about a\n    // about b\n  },\n}\n',
  );
  const replaced = jsoncCodec.writeServers(text, loc, { a: { command: "q" } });
  assert.ok(replaced.includes("}, // about a\n    // about b\n"));
  assert.equal(jsoncCodec.readServers(replaced, loc).a.command, "q");
});

Deno.test("json: one-line objects and null containers are edited in place", () => {
  assert.equal(
    jsonCodec.writeServers('{"mcpServers": {"a": {}, "b": {}}}', MCP, { a: null }),
    '{"mcpServers": {"b": {}}}',
  );
  assert.equal(
    jsonCodec.writeServers('{"mcpServers": {"a": {}, "b": {}}}', MCP, { b: null }),
    '{"mcpServers": {"a": {}}}',
  );
  assert.equal(
    jsonCodec.writeServers('{"mcpServers": null}', MCP, { a: { x: 1 } }),
    '{"mcpServers": {\n  "a": {\n    "x": 1\n  }\n}}',
  );
  // Two members with one key: which one a client uses is undefined, so the file is refused, not edited.
  const dup = '{"mcpServers": {"a": {"v": 1}, "a": {"v": 2}}}';
  assert.throws(() => jsonCodec.writeServers(dup, MCP, { a: { v: 3 } }), /duplicate key "a"/);
});

Deno.test("json: list-shaped containers match items by their name key", () => {
  const loc = {
    path: ["servers"],
    shape: "list",
    nameKey: "name",
  } satisfies ServersLocation as ServersLocation;
  const text = '{\n  "servers": [\n    {"name": "a", "command": "x"}\n  ]\n}\n';
  const out = jsonCodec.writeServers(text, loc, { b: { command: "y" }, a: { command: "z" } });
  assert.deepEqual(jsonCodec.readServers(out, loc), {
    a: { name: "a", command: "z" },
    b: { name: "b", command: "y" },
  });
  assert.equal(jsonCodec.writeServers(out, loc, { a: null, b: null }), '{\n  "servers": [\n  ]\n}\n');
});

Deno.test("json: malformed input throws config_parse_error with a position and a reason", () => {
  assertParseError(() => jsonCodec.parse('{"mcpServers": {"a": '), /value was expected|not closed/);
  assertParseError(
    () => jsonCodec.readServers('{"mcpServers": [] }', MCP),
    /"mcpServers" is an array, expected an object/,
  );
  assertParseError(
    () => jsonCodec.readServers('{"mcpServers": {"a": "str"}}', MCP),
    /server "a" is a string/,
  );
  assertParseError(
    () => jsonCodec.readServers('{"projects": 3}', { path: ["projects", "x", "mcpServers"], shape: "map" }),
    /is a number/,
  );
  assertParseError(() => jsonCodec.parse("[1, 2]"), /root is an array/);
  assertParseError(() => jsonCodec.parse('{"a": 1} {"b": 2}'), /end here/);
  assertParseError(() => jsoncCodec.parse('{"a": /* open comment'), /comment|expected/);
  assertParseError(() => jsonCodec.writeServers('{"a": tru}', MCP, { x: { command: "y" } }), /.+/);
  assert.throws(() => jsonCodec.parse('{\n  "a": 1,\n  "b" 2\n}'), (e: unknown) => {
    assert.deepEqual((e as AppError).details, { line: 3, column: 7, reason: "':' was expected" });
    return true;
  });
});
