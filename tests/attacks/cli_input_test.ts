/**
 * The CLI against bad input: fast-check generated names, ids, params, env and JSON strings in every
 * command that takes them, each answered with exit 0 or the table's code and exactly one JSON document
 * (never internal_error); registry files and imports with missing fields or wrong types; values with
 * spaces, quotes, `;`, `$(...)` and newlines written into every client format as single argv items.
 */
import fc from "../helpers/fc.ts";
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { EXIT_CODES, exitCodeFor } from "../../src/core/errors.ts";
import { getClient } from "../../src/clients/registry.ts";
import { codecFor } from "../../src/clients/codecs/mod.ts";
import { hostileString } from "../helpers/hostile.ts";

const token = fc.oneof(
  hostileString,
  fc.constantFrom("cursor", "default", "memory", "filesystem", "github", "a1b2c3d4"),
);

/** Command lines with generated values where names, ids, params, env and JSON go. */
const commandLine = fc.oneof(
  fc.tuple(token, token, token, token, token, token).map((
    [id, c, k, v, e, n],
  ) => ["add-server", id, "--client", c, "--param", `${k}=${v}`, "--env", `${e}=${v}`, "--name", n]),
  fc.tuple(token, token, fc.array(token, { maxLength: 3 }), token).map((
    [n, cmd, args, h],
  ) => [
    "add-server",
    n,
    "--command",
    cmd,
    ...args.flatMap((a) => ["--arg", a]),
    "--header",
    `${h}:${h}`,
    "--url",
    h,
  ]),
  fc.tuple(token, token).map(([c, p]) => ["get-config", c, p]),
  fc.tuple(token).map(([id]) => ["verify", id]),
  fc.tuple(token, token).map(([c, l]) => ["history", "--client", c, "--limit", l]),
  fc.tuple(token).map(([id]) => ["describe-server", id, "--client", "codex"]),
  fc.tuple(token, token, token).map((
    [c, p, id],
  ) => ["deploy-config", "--client", c, "--profile", p, "--artifact-id", id, "--dry-run"]),
  fc.tuple(token, token).map(([c, id]) => ["rollback", "--client", c, "--to", id]),
  fc.tuple(token, token).map(([c, p]) => ["diff-config", c, p]),
  fc.tuple(token, token).map(([c, s]) => ["publish-config", "--client", c, "--changelog", s]),
  fc.tuple(token, token).map(([s, t]) => ["list-servers", "--search", s, "--tag", t]),
  fc.tuple(token, token).map(([c, p]) => ["remove-server", c, "--profile", p]),
  fc.tuple(token, token).map(([c, p]) => ["status", "--client", c, "--profile", p]),
);

function checkAnswer(args: string[], r: { code: number; stdout: string; json: any }) {
  assert.ok(
    r.json !== undefined && r.json !== null,
    `${JSON.stringify(args)}: stdout is not one JSON document: ${r.stdout.slice(0, 300)}`,
  );
  if (r.code === 0) return;
  assert.ok(r.json.error in EXIT_CODES, `${JSON.stringify(args)}: unknown code ${r.json.error}`);
  assert.ok(r.json.error !== "internal_error", `${JSON.stringify(args)}: ${r.json.message}`);
  assertEquals(r.code, exitCodeFor(r.json.error), JSON.stringify(args));
}

Deno.test("CLI: generated names, ids, params, env and JSON get a result or a structured error", () =>
  withHome(async (h) => {
    assertEquals((await cli(h, ["init"])).code, 0);
    const codes: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(commandLine, async (args) => {
        const all = [...args, "--format", "json"];
        const r = await cli(h, all);
        checkAnswer(all, r);
        codes[r.code] = (codes[r.code] ?? 0) + 1;
      }),
      { numRuns: 600 },
    );
    assert.ok(codes[0] > 20 && codes[2] > 50 && codes[3] > 50, `exit codes seen: ${JSON.stringify(codes)}`);
    assertEquals((await cli(h, ["verify", "--all", "--format", "json"])).json.status, "verified");
  }));

const VALID = {
  name: "io.example/hello",
  description: "Hello",
  version: "1.0.0",
  packages: [{
    registryType: "pypi",
    identifier: "hello-mcp",
    transport: { type: "stdio" },
    packageArguments: [{ type: "named", name: "--greeting", value: "{greeting}" }],
  }],
};

/** The valid server.json with one field removed or replaced by a value of another type. */
const brokenServerJson = fc.tuple(
  fc.constantFrom(
    "name",
    "description",
    "version",
    "packages",
    "packages.0.registryType",
    "packages.0.identifier",
    "packages.0.transport",
    "packages.0.transport.type",
    "packages.0.packageArguments",
    "packages.0.packageArguments.0.name",
    "packages.0.packageArguments.0.type",
  ),
  fc.oneof(
    fc.constant(undefined),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.string(),
    fc.dictionary(fc.string(), fc.string()),
  ),
).map(([path, v]) => {
  const doc = structuredClone(VALID) as any;
  const keys = path.split(".");
  let o = doc;
  for (const k of keys.slice(0, -1)) o = o[k];
  if (v === undefined) delete o[keys.at(-1)!];
  else o[keys.at(-1)!] = v;
  return JSON.stringify(doc);
});

Deno.test("registry import: missing fields and wrong types are invalid_input naming the field; a broken user file is skipped with a warning", () =>
  withHome(async (h) => {
    const file = join(h.userHome, "server.json");
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(brokenServerJson, fc.json(), hostileString), async (text) => {
        await Deno.writeTextFile(file, text);
        const r = await cli(h, ["registry", "import", file, "--format", "json"]);
        checkAnswer(["registry", "import", text], r);
        if (r.code !== 0) {
          refused++;
          assert.ok(["invalid_input", "config_parse_error"].includes(r.json.error), r.stdout);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(refused > 100, `${refused} refused`);
    await Deno.mkdir(join(h.home, "registry"), { recursive: true });
    await Deno.writeTextFile(join(h.home, "registry", "broken.json"), '{"name": 42}');
    const list = await cli(h, ["list-servers", "--format", "json"]);
    assertEquals(list.code, 0);
    assert.ok(JSON.stringify(list.json).includes("broken.json"), "no warning names the broken file");
  }));

const INJECTION = [
  "a b",
  "'quoted'",
  '"double"',
  "x; rm -rf ~",
  "$(whoami)",
  "`id`",
  "line1\nline2",
  "tab\there",
  "&& echo",
  "|",
  "*",
  "--flag=1",
  "\\back",
  "é 𝄞",
];

async function deployedArgs(h: TempHome, client: string, name: string): Promise<unknown> {
  const c = getClient(client);
  const path = c.configPath("linux", h.env);
  const servers = codecFor(c.format).readServers(await Deno.readTextFile(path), c.servers);
  const entry = servers[name] as Record<string, unknown>;
  return entry.args ?? (entry.cmd !== undefined ? entry.args : entry.command);
}

Deno.test("values with spaces, quotes, ; $() and newlines land in every client format as single, unchanged argv items", () =>
  withHome(async (h) => {
    assertEquals((await cli(h, ["init"])).code, 0);
    for (const client of ["cursor", "vscode", "codex", "goose", "continue", "zed"]) {
      const args = [
        "add-server",
        "inj",
        "--client",
        client,
        "--command",
        "node",
        ...INJECTION.flatMap((a) => ["--arg", a]),
        "--format",
        "json",
      ];
      assertEquals((await cli(h, args)).code, 0, client);
      const filesystem = [
        "add-server",
        "filesystem",
        "--client",
        client,
        "--param",
        `allowed_directory=${INJECTION[3]}`,
        "--format",
        "json",
      ];
      assertEquals((await cli(h, filesystem)).code, 0, client);
      const pub = await cli(h, ["publish-config", "--client", client, "--format", "json"]);
      assertEquals(pub.code, 0, pub.stdout);
      const dep = await cli(h, ["deploy-config", "--client", client, "--format", "json"]);
      assertEquals(dep.code, 0, dep.stdout);
      assertEquals(await deployedArgs(h, client, "inj"), INJECTION, client);
      const fsArgs = await deployedArgs(h, client, "filesystem") as string[];
      assert.ok(fsArgs.includes(INJECTION[3]), `${client}: ${JSON.stringify(fsArgs)}`);
    }
  }));
