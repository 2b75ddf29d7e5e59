/** TOML codec: canonical tables, quoting and escaping, non-canonical forms, malformed input. */
import assert from "node:assert/strict";
import fc from "../../helpers/fc.ts";
import { parse as tomlParse } from "smol-toml";
import { codecFor, tomlCodec } from "../../../src/clients/codecs/mod.ts";
import { AppError } from "../../../src/core/errors.ts";
import type { NativeEntry, ServersLocation } from "../../../src/clients/types.ts";
import { entryArb, nameArb, own, plain, readSample } from "./helpers.ts";

const LOC: ServersLocation = { path: ["mcp_servers"], shape: "map" };

function assertError(fn: () => unknown, code: string, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, code);
    if (code === "config_parse_error") {
      assert.ok(Number(e.details.line) >= 1 && Number(e.details.column) >= 1);
    }
    assert.match(String(e.details.reason ?? e.message), reason);
    return true;
  });
}

Deno.test("toml: reads tables, quoted names, sub-tables, inline tables and dotted keys", () => {
  const codex = tomlCodec.readServers(readSample("codex_config.toml"), LOC);
  assert.deepEqual(Object.keys(codex), ["docs", "brave.search", "sentry"]);
  assert.deepEqual(codex.docs, {
    command: "npx",
    args: ["-y", "@acme/docs-mcp"],
    startup_timeout_sec: 20,
    env: { DOCS_TOKEN: "abc" },
  });
  const inline = tomlCodec.readServers(readSample("codex_bom_inline.toml"), LOC);
  assert.deepEqual(inline, {
    memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"], env: { DEBUG: "1" } },
    fetch: { command: "uvx", args: ["mcp-server-fetch"] },
  });
  assert.equal(Object.getPrototypeOf(inline.memory), Object.prototype);
  assert.equal(codecFor("toml"), tomlCodec);
});

Deno.test("toml: a new server is appended as [mcp_servers.<name>] plus [..env], one blank line before", () => {
  const text = 'model = "gpt-5" # mine\n';
  const out = tomlCodec.writeServers(text, LOC, {
    "my.server": { command: "npx", args: ["-y", "x"], env: { K: "v" }, cwd: "/w" },
  });
  assert.equal(
    out,
    text +
      '\n[mcp_servers."my.server"]\ncommand = "npx"\nargs = ["-y", "x"]\ncwd = "/w"\n\n[mcp_servers."my.server".env]\nK = "v"\n',
  );
  assert.equal(tomlCodec.writeServers("", LOC, { a: { url: "u" } }), '[mcp_servers.a]\nurl = "u"\n');
  assert.equal(
    tomlCodec.writeServers("x = 1", LOC, { a: { url: "u" } }),
    'x = 1\n\n[mcp_servers.a]\nurl = "u"',
  );
  assert.equal(
    tomlCodec.writeServers("\uFEFFx = 1\r\n", LOC, { a: { url: "u" } }),
    '\uFEFFx = 1\r\n\r\n[mcp_servers.a]\r\nurl = "u"\r\n',
  );
  const nested = tomlCodec.writeServers("", { path: ["mcp", "servers"], shape: "map" }, { a: { url: "u" } });
  assert.equal(nested, '[mcp.servers.a]\nurl = "u"\n');
});

Deno.test("toml: replacing rewrites the entry's own tables in place; other bytes stay", () => {
  const text = readSample("codex_config.toml");
  const out = tomlCodec.writeServers(text, LOC, { docs: { command: "uvx", args: ["docs-mcp"] } });
  const start = text.indexOf("[mcp_servers.docs]");
  const end = text.indexOf('[mcp_servers."brave.search"]');
  assert.equal(
    out,
    text.slice(0, start) + '[mcp_servers.docs]\ncommand = "uvx"\nargs = ["docs-mcp"]\n\n' + text.slice(end),
  );
  const removed = tomlCodec.writeServers(text, LOC, { sentry: null });
  assert.equal(removed, text.slice(0, text.indexOf("\n[mcp_servers.sentry]")));
});

Deno.test("toml: inline-table and dotted-key entries keep their form and place when they change", () => {
  const text = readSample("codex_bom_inline.toml");
  const out = tomlCodec.writeServers(text, LOC, { memory: { command: "npx", args: ["m"] }, fetch: null });
  assert.equal(
    out,
    '\uFEFF# hand-written entries (inline table and dotted keys)\nmodel = "gpt-5"\n\n[mcp_servers]\nmemory = { command = "npx", args = ["m"] }\n\n[history]\npersistence = "save-all"',
  );
  const dotted = tomlCodec.writeServers(text, LOC, { memory: null, fetch: { command: "f" } });
  assert.ok(dotted.includes('\n[mcp_servers]\nfetch = { command = "f" }\n\n[history]\n'), dotted);
  const whole = tomlCodec.writeServers('mcp_servers = { a = { command = "x" } } # mine\nmodel = "m"\n', LOC, {
    b: { command: "y" },
  });
  assert.equal(whole, 'mcp_servers = { a = { command = "x" }, b = { command = "y" } } # mine\nmodel = "m"\n');
  const root = tomlCodec.writeServers('mcp_servers.a.command = "x"\nz = 1\n', LOC, { a: { command: "x2" } });
  assert.equal(root, 'mcp_servers.a = { command = "x2" }\nz = 1\n');
  const deep: ServersLocation = { path: ["mcp", "servers"], shape: "map" };
  assert.equal(
    tomlCodec.writeServers("mcp = { servers = {} }\n", deep, { a: { url: "u" } }),
    'mcp = { servers = { a = { url = "u" } } }\n',
  );
  assert.equal(
    tomlCodec.writeServers("mcp = { other = 1 }\n", deep, { a: { url: "u" } }),
    'mcp = { other = 1, servers.a = { url = "u" } }\n',
  );
});

Deno.test("toml: members of a multi-line inline container are added and removed on their own lines", () => {
  const text = 'mcp_servers = {\n  a = { command = "x" }, # A\n  b = { command = "y" } # B\n} # end\n';
  assert.equal(
    tomlCodec.writeServers(text, LOC, { c: { url: "u" } }),
    'mcp_servers = {\n  a = { command = "x" }, # A\n  b = { command = "y" }, # B\n  c = { url = "u" }\n} # end\n',
  );
  assert.equal(
    tomlCodec.writeServers(text, LOC, { b: null }),
    'mcp_servers = {\n  a = { command = "x" } # A\n} # end\n',
  );
  const trailing = text.replace("} # B", "}, # B");
  assert.equal(
    tomlCodec.writeServers(trailing, LOC, { b: null, c: { url: "u" } }),
    'mcp_servers = {\n  a = { command = "x" }, # A\n  c = { url = "u" },\n} # end\n',
  );
  const one = 'mcp_servers = { a = { command = "x" }, b = { command = "y" } } # end\n';
  assert.equal(
    tomlCodec.writeServers(one, LOC, { a: null }),
    'mcp_servers = { b = { command = "y" } } # end\n',
  );
  assert.equal(tomlCodec.writeServers(one, LOC, { a: null, b: null }), "mcp_servers = {} # end\n");
});

Deno.test("toml: writeServers then smol-toml parse gives back the same data (escapes, unicode, prototype keys)", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(nameArb, entryArb), { selector: (t) => t[0], maxLength: 4 }),
      (pairs) => {
        const text = readSample("codex_config.toml");
        const before = tomlCodec.readServers(text, LOC);
        const out = tomlCodec.writeServers(text, LOC, own(pairs) as Record<string, NativeEntry>);
        const data = plain(tomlParse(out)) as Record<string, Record<string, unknown>>;
        assert.deepStrictEqual(data.mcp_servers, plain({ ...before, ...own(pairs) }));
        assert.deepStrictEqual(data.profiles, { fast: { model: "o4-mini", approval_policy: "never" } });
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("toml: malformed input and impossible values are refused", () => {
  assertError(() => tomlCodec.parse('model = "unterminated\n'), "config_parse_error", /.+/);
  assertError(
    () => tomlCodec.parse("[mcp_servers.a]\ncommand = 'x'\n[mcp_servers.a]\n"),
    "config_parse_error",
    /.+/,
  );
  assertError(() => tomlCodec.parse("args = [1, 2"), "config_parse_error", /.+/);
  assertError(
    () => tomlCodec.readServers("mcp_servers = []\n", LOC),
    "config_parse_error",
    /is an array, expected an object/,
  );
  assertError(() => tomlCodec.readServers("mcp_servers = 3\n", LOC), "config_parse_error", /is a number/);
  assertError(
    () => tomlCodec.readServers("[mcp_servers]\na = 1\n", LOC),
    "config_parse_error",
    /server "a" is a number/,
  );
  assertError(() => tomlCodec.writeServers("x = 1\n", LOC, { a: { cwd: null } }), "invalid_input", /null/);
  assertError(
    () => tomlCodec.readServers("", { path: ["x"], shape: "list", nameKey: "name" }),
    "invalid_input",
    /list/,
  );
});
