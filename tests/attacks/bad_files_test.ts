/**
 * Malformed and hostile client files, for every format (JSON, JSONC, YAML map and list, TOML): every
 * truncation of a real file, invalid UTF-8, a BOM, duplicate keys, `__proto__`/`constructor` keys,
 * 10,000-deep nesting, an alias bomb, 50 MB, wrong types at the server path. Each deploy into such a
 * file ends in a result or a clear config_parse_error / invalid_input / drift_detected (no hang: a
 * 60 s safety net, not a timing goal: those live in bench/); on an error nothing is written (file and
 * history unchanged); no prototype is ever polluted. The 50 MB file is refused by its size, before a byte
 * of it is read.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { AppError } from "../../src/core/errors.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { history } from "../../src/ops/history.ts";
import { type FileSystem, realFs } from "../../src/platform/fs.ts";
import { MAX_CONFIG_BYTES } from "../../src/platform/file_size.ts";

const FIXTURES = new URL("../fixtures/clients/", import.meta.url);
const CASES = [
  { client: "cursor", fixture: "cursor.json", key: "mcpServers", format: "json" },
  { client: "vscode", fixture: "vscode.jsonc", key: "servers", format: "jsonc" },
  { client: "goose", fixture: "goose.yaml", key: "extensions", format: "yaml" },
  { client: "continue", fixture: "continue.yaml", key: "mcpServers", format: "yaml" },
  { client: "codex", fixture: "codex.toml", key: "mcp_servers", format: "toml" },
] as const;
const ALLOWED = new Set(["config_parse_error", "invalid_input", "drift_detected"]);
const enc = new TextEncoder();

/** Hostile documents for a format, as [label, bytes]. */
function corpus(format: string, key: string, sample: Uint8Array): [string, Uint8Array][] {
  const text = new TextDecoder().decode(sample);
  const out: [string, Uint8Array][] = [];
  for (let n = 0; n < sample.length; n++) out.push([`truncated at ${n}`, sample.slice(0, n)]);
  out.push(["invalid UTF-8", Uint8Array.from([...sample.slice(0, 10), 0xff, 0xfe, ...sample.slice(10)])]);
  out.push(["BOM", enc.encode("\uFEFF" + text)]);
  out.push(["BOM + invalid UTF-8", Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0x28])]);
  const deep = 10_000;
  const docs: Record<string, [string, string][]> = {
    json: [
      ["duplicate container", `{"${key}": {}, "${key}": {"x": {"command": "y"}}}`],
      ["duplicate server", `{"${key}": {"a": {"command": "x"}, "a": {"command": "y"}}}`],
      ["duplicate field", `{"${key}": {"a": {"command": "x", "command": "y"}}}`],
      [
        "__proto__ and constructor",
        `{"__proto__": {"polluted": 1}, "${key}": {"__proto__": {"command": "p"}, "constructor": {"command": "c"}, "toString": {"command": "t"}}}`,
      ],
      ["deep nesting", `{"${key}": {"a": ${"[".repeat(deep)}${"]".repeat(deep)}}}`],
      ["deep objects", `${'{"a":'.repeat(deep)}1${"}".repeat(deep)}`],
      ...[`[]`, `"x"`, `1`, `true`, `{"a": "str"}`, `{"a": [1]}`, `{"a": null}`].map((
        v,
      ): [string, string] => [`${key} = ${v}`, `{"${key}": ${v}}`]),
      ...[`[]`, `"x"`, `null`, `1`].map((v): [string, string] => [`root ${v}`, v]),
    ],
    yaml: [
      ["duplicate container", `${key}: {}\n${key}: {}\n`],
      ["duplicate server", `${key}:\n  a: {command: x}\n  a: {command: y}\n`],
      [
        "__proto__ and constructor",
        `__proto__: {polluted: 1}\n${key}:\n  __proto__: {command: p}\n  constructor: {command: c}\n`,
      ],
      ["deep nesting", `${key}:\n  a: ${"[".repeat(deep)}${"]".repeat(deep)}\n`],
      [
        "alias bomb",
        `a: &a ["x","x","x","x","x","x","x","x","x"]\n${
          ["b", "c", "d", "e", "f", "g", "h", "i"].map((n, i) =>
            `${n}: &${n} [${
              Array(9).fill(`*${i ? ["b", "c", "d", "e", "f", "g", "h"][i - 1] : "a"}`).join(",")
            }]`
          ).join("\n")
        }\n${key}: *i\n`,
      ],
      ["tabs and garbage", `${key}:\n\t- !!python/object {}\n`],
      ...[`[]`, `"x"`, `1`, `{a: str}`, `{a: [1]}`, `[1, "a"]`].map((
        v,
      ): [string, string] => [`${key} = ${v}`, `${key}: ${v}\n`]),
      ...[`[]`, `"x"`, `1`].map((v): [string, string] => [`root ${v}`, v]),
    ],
    toml: [
      ["duplicate server", `[${key}.a]\ncommand = "x"\n[${key}.a]\ncommand = "y"\n`],
      ["duplicate field", `[${key}.a]\ncommand = "x"\ncommand = "y"\n`],
      [
        "__proto__ and constructor",
        `[__proto__]\npolluted = 1\n[${key}.__proto__]\ncommand = "p"\n[${key}.constructor]\ncommand = "c"\n`,
      ],
      ["deep nesting", `x = ${"[".repeat(deep)}${"]".repeat(deep)}\n`],
      ["deep inline tables", `x = ${"{a = ".repeat(deep)}1${"}".repeat(deep)}\n`],
      ...[`[]`, `"x"`, `1`, `[1]`].map((v): [string, string] => [`${key} = ${v}`, `${key} = ${v}\n`]),
      [`${key}.a = string`, `[${key}]\na = "str"\n`],
    ],
  };
  for (const [label, doc] of docs[format === "jsonc" ? "json" : format]) out.push([label, enc.encode(doc)]);
  return out;
}

/** `p`, or a failure after 60 s: a safety net against a hang, not a timing goal. */
async function noHang<T>(p: Promise<T>, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const net = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer after 60 s`)), 60_000);
  });
  try {
    return await Promise.race([p, net]);
  } finally {
    clearTimeout(timer);
  }
}

/** Deploys into `file`; returns the error code, or null for a result. */
async function attempt(
  h: TempHome,
  client: string,
  file: string,
  label: string,
  fs?: FileSystem,
): Promise<string | null> {
  const d = h.deps(fs);
  const before = await Deno.readFile(file);
  const count = (await history(d, { client, limit: 100_000 })).total;
  let code: string | null = null;
  try {
    await noHang(deploy(d, { client, configPath: file, force: false }), `${client} ${label}`);
  } catch (e) {
    assert.ok(e instanceof AppError, `${client} ${label}: ${e}`);
    assert.ok(ALLOWED.has(e.code), `${client} ${label}: ${e.code} ${e.message}`);
    code = e.code;
    assertEquals(await Deno.readFile(file), before, `${client} ${label}: written despite ${e.code}`);
    assertEquals((await history(d, { client, limit: 100_000 })).total, count, `${client} ${label}: logged`);
  }
  assertEquals(Object.keys(Object.prototype), [], "Object.prototype was polluted");
  assertEquals(({} as Record<string, unknown>).polluted, undefined);
  return code;
}

for (const c of CASES) {
  Deno.test(`hostile ${c.format} files for ${c.client}: a result or a clear error, nothing written on error, no hang`, () =>
    withHome(async (h) => {
      await init(h.deps());
      await publish(h.deps(), {
        client: c.client,
        profile: "default",
        payload: { mcpServers: { fresh: { command: "uvx", args: ["fresh-mcp"] } } },
      });
      const file = join(h.userHome, "cfg", `config.${c.fixture.split(".").pop()}`);
      await Deno.mkdir(join(h.userHome, "cfg"));
      const sample = await Deno.readFile(new URL(c.fixture, FIXTURES));
      for (const [label, bytes] of corpus(c.format, c.key, sample)) {
        await Deno.writeFile(file, bytes);
        await attempt(h, c.client, file, label);
      }
      // 50 MB: refused by its size, before it is read (let alone parsed).
      const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
      big.set(sample);
      await Deno.writeFile(file, big);
      assert.ok(big.length > MAX_CONFIG_BYTES);
      let bytesRead = 0;
      const counting: FileSystem = {
        ...realFs,
        readFile: async (p) => {
          const b = await realFs.readFile(p);
          if (p === file) bytesRead += b.length;
          return b;
        },
        readTail: async (p, n) => {
          const b = await realFs.readTail(p, n);
          if (p === file) bytesRead += b.length;
          return b;
        },
      };
      assertEquals(await attempt(h, c.client, file, "50 MB", counting), "config_parse_error");
      assertEquals(bytesRead, 0, "the 50 MB file was read before its size refused it");
    }));
}
