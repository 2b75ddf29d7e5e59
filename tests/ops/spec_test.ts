/**
 * The operation specs (src/ops/specs/) are the one declaration of every command and tool: each field says
 * how every door of its operation takes it or why it does not; names follow each door's rules; every spec
 * is registered where its doors are (the CLI's command table, the MCP tool list); every command's examples
 * parse into the op's input and, run in a throw-away home, are never refused as bad usage or input; and
 * loading a spec (the CLI's path) loads neither zod nor the MCP SDK.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { type CliSpec, isAbsent, type Spec } from "../../src/ops/spec.ts";
import { COMMANDS } from "../../src/cli/commands/mod.ts";
import { TOOLS } from "../../src/mcp/tools/mod.ts";
import { Command, ParseError } from "../../src/cli/parser.ts";
import { declare, inputFrom } from "../../src/cli/from_spec.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";

const SPECS_DIR = new URL("../../src/ops/specs/", import.meta.url);
const NOT_SPECS = new Set(["common.ts"]);

/** Every spec module of src/ops/specs, by file name. */
async function specModules(): Promise<Map<string, { spec: Spec; op: { spec: Spec } }>> {
  const out = new Map();
  for (const e of [...Deno.readDirSync(SPECS_DIR)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.name.endsWith(".ts") || NOT_SPECS.has(e.name)) continue;
    out.set(e.name, await import(new URL(e.name, SPECS_DIR).href));
  }
  return out;
}

/** Every command's spec, from the CLI's table (operations and the commands that are none). */
async function commandSpecs(): Promise<[string, CliSpec][]> {
  const all = await Promise.all(COMMANDS.map(async ([name, load]) => {
    const m = await load();
    const spec = m.op?.spec ?? m.spec;
    assert.ok(spec !== undefined, `${name}: declared as a spec`);
    return [name, spec] as [string, CliSpec];
  }));
  return all;
}

const FLAG = /^--[a-z][a-z0-9-]*( <[^<>\s]+>)?$/;
const POSITIONAL = /^(<[a-z][a-z0-9-]*>|\[[a-z][a-z0-9-]*\])$/;
const SNAKE = /^[a-z][a-z0-9_]*$/;

function checkSpec(where: string, spec: Spec): void {
  const cliNames = new Set<string>(), mcpNames = new Set<string>();
  const hasCli = !isAbsent(spec.cli), hasMcp = !isAbsent(spec.mcp);
  if (!hasCli) assert.ok((spec.cli as { absent: string }).absent.length > 10, `${where}: why no CLI command`);
  if (!hasMcp) assert.ok((spec.mcp as { absent: string }).absent.length > 10, `${where}: why no MCP tool`);
  if (hasMcp) assert.ok(spec.output?.t === "object", `${where}: an MCP tool declares its output`);
  for (const [key, f] of Object.entries(spec.input)) {
    const at = `${where} ${key}`;
    for (const [door, has] of [["cli", hasCli], ["mcp", hasMcp]] as const) {
      const d = f[door];
      if (!has) {
        assertEquals(d, undefined, `${at}: the operation has no ${door} door`);
        continue;
      }
      assert.ok(d !== undefined, `${at}: say how ${door} takes it, or why not (absent)`);
      if (isAbsent(d)) assert.ok(d.absent.length > 5, `${at}: why ${door} does not take it`);
    }
    if (f.cli && !isAbsent(f.cli)) {
      const c = f.cli;
      const positional = POSITIONAL.test(c.flag);
      assert.ok(positional || FLAG.test(c.flag), `${at}: CLI flag ${c.flag}`);
      assert.ok(c.description.length > 3, `${at}: CLI description`);
      const name = c.flag.split(" ")[0];
      assert.ok(!cliNames.has(name), `${at}: ${name} twice`);
      cliNames.add(name);
      if (positional) assertEquals(f.kind, "text", `${at}: positional arguments are text`);
      else assertEquals(f.kind === "flag", !c.flag.includes(" "), `${at}: a flag takes no value, others one`);
      if (c.sep) assertEquals(f.kind, "pairs", `${at}: sep`);
      if (c.default !== undefined) {
        assertEquals(typeof c.default, f.kind === "number" ? "number" : "string", `${at}: CLI default`);
      }
    }
    if (f.mcp && !isAbsent(f.mcp)) {
      const m = f.mcp;
      assert.ok(SNAKE.test(m.name), `${at}: MCP name ${m.name}`);
      assert.ok(!mcpNames.has(m.name), `${at}: ${m.name} twice`);
      mcpNames.add(m.name);
      assert.ok(m.description.length > 3, `${at}: MCP description`);
      assert.ok(!(m.required && m.default !== undefined), `${at}: required or a default, not both`);
      if (m.int || m.min !== undefined) assertEquals(f.kind, "number", `${at}: int/min`);
    }
    if (f.choices) assertEquals(f.kind, "text", `${at}: choices are text`);
  }
  if (hasMcp && !isAbsent(spec.mcp) && spec.mcp.order) {
    assertEquals(
      [...spec.mcp.order].sort(),
      [...mcpNames].sort(),
      `${where}: mcp.order names every argument once`,
    );
  }
  if (hasCli && !isAbsent(spec.cli)) {
    assert.ok(spec.cli.examples.length >= 1, `${where}: at least one example`);
    for (const [, does] of spec.cli.examples) {
      assert.ok(does.length > 5, `${where}: say what an example does`);
    }
  }
}

Deno.test("specs: every field says how each door of its operation takes it, or why not; names follow each door's rules", async () => {
  const modules = await specModules();
  assert.ok(modules.size >= 25, `${modules.size} spec modules`);
  for (const [file, m] of modules) {
    assert.ok(m.spec && m.op, `${file} exports spec and op`);
    assert.ok(m.op.spec === m.spec, `${file}: op is bound to spec`);
    checkSpec(file, m.spec);
  }
  for (const [name, spec] of await commandSpecs()) checkSpec(name, spec);
});

Deno.test("specs: the CLI lists every spec with a command, the MCP server every spec with a tool, nothing else", async () => {
  const modules = await specModules();
  const specs = [...modules.values()].map((m) => m.spec);
  const commands = await commandSpecs();
  for (const [name, spec] of commands) assertEquals(spec.cli.command, name, `the command table's ${name}`);
  const listed = new Set<Spec>(commands.map(([, s]) => s));
  for (const [file, m] of modules) {
    assertEquals(
      listed.has(m.spec),
      !isAbsent(m.spec.cli),
      `${file}: in the CLI's command table iff it has a command`,
    );
    assertEquals(
      TOOLS.some((op) => op.spec === m.spec),
      !isAbsent(m.spec.mcp),
      `${file}: in TOOLS iff it has a tool`,
    );
  }
  for (const op of TOOLS) {
    assert.ok(specs.includes(op.spec), `${op.spec.mcp.tool}: its spec is in src/ops/specs`);
  }
  assertEquals(new Set(TOOLS.map((op) => op.spec.mcp.tool)).size, TOOLS.length, "tool names are unique");
});

/** Splits an example command line as a shell would (quotes, no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

Deno.test("specs: every command's examples parse into the op's input", async () => {
  for (const [name, spec] of await commandSpecs()) {
    for (const [args] of spec.cli.examples) {
      const program = new Command("mcp-orchestration").option("--home <dir>", "").option(
        "--format <f>",
        "",
        "text",
      );
      let input: Record<string, unknown> | undefined;
      declare(program, spec).action((...a: unknown[]) => {
        input = inputFrom(spec, a.slice(0, -2), a.at(-2) as Record<string, unknown>);
      });
      try {
        await program.parseAsync([name, ...words(args)], { from: "user" });
      } catch (e) {
        throw new Error(`${name} ${args}: ${e instanceof ParseError ? e.message : e}`);
      }
      assert.ok(input, `${name} ${args}: parsed`);
    }
  }
  // The typed input: repeated options collected, K=V and K:V split, keys as the op names them.
  const add = (await commandSpecs()).find(([n]) => n === "add-server")![1];
  const program = new Command("x");
  let got: unknown;
  declare(program, add).action((...a: unknown[]) =>
    void (got = inputFrom(add, a.slice(0, -2), a.at(-2) as never))
  );
  await program.parseAsync(
    [
      "add-server",
      "s",
      "--command",
      "node",
      "--arg",
      "a",
      "--arg=b",
      "--env",
      "A=1=2",
      "--header",
      "X: y",
      "--param",
      "p=1",
      "--param",
      "p=2",
    ],
    { from: "user" },
  );
  assertEquals(got, {
    client: "claude-desktop",
    profile: "default",
    id: "s",
    command: "node",
    args: ["a", "b"],
    env: { A: "1=2" },
    headers: { X: "y" },
    params: { p: ["1", "2"] },
  });
});

Deno.test("specs: run in a throw-away home, no example is refused as bad usage or input", () =>
  withHome(async (h) => {
    assertEquals((await cli(h, ["init"])).code, 0);
    const seen: string[] = [];
    for (const [name, spec] of await commandSpecs()) {
      for (const [args] of spec.cli.examples) {
        // serve waits for MCP input; project-scope examples would write under the current folder;
        // registry sync reads a registry on the internet (tests/registry/sync_test.ts runs it on 127.0.0.1).
        if (name === "serve" || /--scope project|--project-dir/.test(args)) continue;
        if (name === "registry" && args.startsWith("sync")) continue;
        const r = await cli(h, [name, ...words(args), "--format", "json"]);
        seen.push(`${name} ${args}: ${r.code}`);
        assert.ok(r.code !== 2, `${name} ${args}: ${r.stdout}`);
        assert.ok(r.json?.error !== "internal_error", `${name} ${args}: ${r.stdout}`);
      }
    }
    assert.ok(seen.length >= 40, seen.join("\n"));
  }));

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
}

/** What loading `file` loads: its static imports, transitively (dynamic imports load only when they run). */
async function staticGraph(file: URL): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", file.pathname],
    stdout: "piped",
  })
    .output();
  const modules = new Map<string, InfoModule>(
    (JSON.parse(new TextDecoder().decode(out.stdout)).modules as InfoModule[]).map((m) => [m.specifier, m]),
  );
  const seen = new Set<string>();
  const stack = [file.href];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of modules.get(s)?.dependencies ?? []) {
      if (d.code && !d.isDynamic) stack.push(d.code.specifier);
    }
  }
  return [...seen];
}

Deno.test("specs: the CLI's path (the program, the command modules, the specs) loads neither zod nor the MCP SDK", async () => {
  const roots = [
    new URL("../../src/cli/program.ts", import.meta.url),
    ...COMMANDS.map(([, load]) => load.toString().match(/"(\.\/[a-z_]+\.ts)"/)![1])
      .map((p) => new URL(p, new URL("../../src/cli/commands/", import.meta.url))),
  ];
  for (const root of roots) {
    const npm = (await staticGraph(root)).filter((s) => !s.startsWith("file:"));
    assertEquals(npm, [], `${root.pathname} loads ${npm.join(", ")}`);
  }
});

Deno.test("call: calls that arrive together share one load of the op's module; a failed load is tried again", () =>
  withHome(async (h) => {
    const { bind, call } = await import("../../src/ops/spec.ts");
    const { spec } = await import("../../src/ops/specs/list_profiles.ts");
    let loads = 0;
    let fail = true;
    const op = bind(spec, async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error("load failed");
      return { twice: (n: number) => 2 * n };
    }, (m, _deps, _input) => Promise.resolve(m.twice(21) as never));
    const deps = h.deps();
    const ctx = { door: "mcp" as const };
    const first = await Promise.allSettled(
      Array.from({ length: 10 }, () => call(op, deps, {} as never, ctx)),
    );
    assertEquals([loads, first.every((r) => r.status === "rejected")], [1, true]);
    fail = false;
    const again = await Promise.all(Array.from({ length: 10 }, () => call(op, deps, {} as never, ctx)));
    assertEquals([loads, again], [2, Array(10).fill(42)]);
  }));
