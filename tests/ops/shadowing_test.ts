/**
 * Clients that merge several files (issue 17, part B): opencode's opencode.json and opencode.jsonc,
 * Claude Code's user / local / project scopes, VS Code's user and workspace files. A deploy refuses to
 * write an entry another file overrides (`shadowed`, exit 6; dry run shows it; --force writes), status
 * says `shadowed` naming the file, import-config reads every file of the scope and names each server's.
 * Through the CLI (in process, with a current folder of the test's own) and the MCP tools.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, tempHome, withHome } from "../helpers/home.ts";
import { withMcp } from "../mcp/client.ts";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { createServer } from "../../src/mcp/server.ts";
import { cli as cliIn } from "../helpers/cli_inprocess.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { mergeDeep } from "../../src/deploy/shadowing.ts";

/** The CLI in this process, run from `cwd` (a user target's project files are looked for there). */
const cli = (h: TempHome, cwd: string, args: string[]) => cliIn(h, args, cwd);

const PAYLOAD = {
  mcpServers: {
    memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] },
    solo: { type: "http", url: "https://mcp.example.com/mcp" },
  },
};

/** A project folder of the test (not hidden, not the home folder). */
async function project(h: TempHome): Promise<string> {
  const dir = join(h.userHome, "proj");
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}

async function published(h: TempHome, client: string) {
  const d = h.deps();
  await init(d);
  return await publish(d, { client, profile: "default", payload: PAYLOAD });
}

const write = async (path: string, text: string) => {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
};
const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

Deno.test("opencode: an opencode.jsonc entry shadows ours: refused (6), dry run shows it, --force writes, status says shadowed", () =>
  withHome(async (h) => {
    const cwd = await project(h);
    await published(h, "opencode");
    const dir = join(h.userHome, ".config", "opencode");
    const json = join(dir, "opencode.json");
    const jsonc = join(dir, "opencode.jsonc");
    const theirs =
      '// mine\n{\n  "mcp": {\n    "memory": { "type": "local", "command": ["my-memory"] }\n  }\n}\n';
    await write(jsonc, theirs);

    const refused = await cli(h, cwd, ["--format", "json", "deploy-config", "--client", "opencode"]);
    assertEquals(refused.code, 6, refused.stdout + refused.stderr);
    const doc = JSON.parse(refused.stderr || refused.stdout);
    assertEquals(doc.error, "shadowed");
    assertEquals(doc.details.shadowed, [{ server: "memory", file: jsonc, place: "opencode.jsonc" }]);
    assert.match(doc.message, /opencode\.jsonc/);
    assertEquals(await exists(json), false, "nothing written");
    assertEquals(await Deno.readTextFile(jsonc), theirs);

    const dry = await cli(h, cwd, ["--format", "json", "deploy-config", "--client", "opencode", "--dry-run"]);
    assertEquals(dry.code, 6);
    assertEquals([dry.json.status, dry.json.needs_force, dry.json.shadowed[0].file], [
      "dry_run",
      true,
      jsonc,
    ]);
    assert.ok(dry.json.warnings.some((w: string) => w.includes("a deploy stops here with shadowed")));
    const dryText = await cli(h, cwd, ["deploy-config", "--client", "opencode", "--dry-run"]);
    assert.match(dryText.stdout, /shadowed: "memory" \(opencode\.jsonc ".*opencode\.jsonc"\)/);

    const forced = await cli(h, cwd, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "opencode",
      "--force",
    ]);
    assertEquals(forced.code, 0, forced.stderr);
    assertEquals(forced.json.shadowed.map((s: any) => s.server), ["memory"]);
    // Every place was read (no project file in the current folder is no warning).
    assertEquals(forced.json.warnings.filter((w: string) => w.includes("Could not read")), []);
    assert.ok(forced.json.warnings.some((w: string) => w.includes("loads another file's entry")));
    assert.ok((await Deno.readTextFile(json)).includes("server-memory"));

    const st = await cli(h, cwd, ["--format", "json", "status", "--client", "opencode"]);
    const t = st.json.targets[0];
    assertEquals([t.state, t.config_path, t.shadowed_servers], ["shadowed", json, [
      { server: "memory", file: jsonc, place: "opencode.jsonc" },
    ]]);
    const text = await cli(h, cwd, ["status", "--client", "opencode"]);
    assert.match(text.stdout, new RegExp(`shadowed \\(memory by ${jsonc.replaceAll(".", "\\.")}\\)`));

    // The same entry in both files (what the client loads is ours): not shadowed.
    const ours = JSON.parse(await Deno.readTextFile(json)).mcp.memory;
    await Deno.writeTextFile(jsonc, JSON.stringify({ mcp: { memory: ours } }));
    assertEquals((await cli(h, cwd, ["--format", "json", "status"])).json.targets[0].state, "up-to-date");
    // Only some fields, equal to ours (deep merge): still ours.
    await Deno.writeTextFile(jsonc, JSON.stringify({ mcp: { memory: { type: "local" } } }));
    assertEquals((await cli(h, cwd, ["--format", "json", "status"])).json.targets[0].state, "up-to-date");
    // One field differs (switched off there): opencode loads ours with that field: shadowed.
    await Deno.writeTextFile(jsonc, JSON.stringify({ mcp: { memory: { enabled: false } } }));
    assertEquals((await cli(h, cwd, ["--format", "json", "status"])).json.targets[0].state, "shadowed");
    assertEquals((await cli(h, cwd, ["deploy-config", "--client", "opencode"])).code, 6);
    // A project opencode.json in the current folder wins over both global files.
    await Deno.writeTextFile(jsonc, "{}");
    await write(
      join(cwd, "opencode.json"),
      JSON.stringify({ mcp: { solo: { type: "remote", url: "http://x" } } }),
    );
    const proj = (await cli(h, cwd, ["--format", "json", "status"])).json.targets[0];
    assertEquals([proj.state, proj.shadowed_servers], ["shadowed", [
      { server: "solo", file: join(cwd, "opencode.json"), place: "project opencode.json" },
    ]]);
    await Deno.remove(join(cwd, "opencode.json"));
    assertEquals((await cli(h, cwd, ["--format", "json", "status"])).json.targets[0].state, "up-to-date");
    // A project deploy writes the project's opencode.json; its opencode.jsonc wins over it.
    await write(join(cwd, "opencode.jsonc"), JSON.stringify({ mcp: { memory: { command: ["p"] } } }));
    const p = await cli(h, cwd, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "opencode",
      "--project-dir",
      cwd,
    ]);
    assertEquals([p.code, JSON.parse(p.stderr || p.stdout).details.shadowed], [6, [
      { server: "memory", file: join(cwd, "opencode.jsonc"), place: "opencode.jsonc" },
    ]]);
    assertEquals(await exists(join(cwd, "opencode.json")), false);
  }));

Deno.test("opencode import-config reads config.json, opencode.json and opencode.jsonc as opencode merges them, naming each file", () =>
  withHome(async (h) => {
    const cwd = await project(h);
    const dir = join(h.userHome, ".config", "opencode");
    await write(
      join(dir, "config.json"),
      JSON.stringify({ mcp: { old: { type: "local", command: ["old-server"] } } }),
    );
    await write(
      join(dir, "opencode.json"),
      JSON.stringify({
        mcp: {
          a: { type: "local", command: ["from-json"], environment: { X: "1" } },
          b: { type: "local", command: ["only-json"] },
        },
      }),
    );
    await write(
      join(dir, "opencode.jsonc"),
      '// c\n{"mcp": {"a": {"type": "local", "command": ["from-jsonc"]},\n "c": {"type": "remote", "url": "https://c.example/mcp"}}}',
    );
    const r = await cli(h, cwd, ["--format", "json", "import-config", "--client", "opencode"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.json.imported.sort(), ["a", "b", "c", "old"]);
    const src = Object.fromEntries(r.json.sources.map((s: any) => [s.server, s.file]));
    assertEquals(src, {
      old: join(dir, "config.json"),
      a: join(dir, "opencode.jsonc"),
      b: join(dir, "opencode.json"),
      c: join(dir, "opencode.jsonc"),
    });
    assert.ok(r.json.warnings.some((w: string) => w.includes('"a" is in') && w.includes("opencode.jsonc")));
    const view = await cli(h, cwd, ["--format", "json", "view-draft", "--client", "opencode"]);
    const a = view.json.entries.find((s: any) => s.name === "a");
    // opencode's deep merge: the .jsonc command over the .json one, the .json environment kept.
    assertEquals([a.entry.command, a.entry.env], ["from-jsonc", { X: "1" }]);
    assertEquals(a.source.imported_from, join(dir, "opencode.jsonc"));
    const text = await cli(h, cwd, ["import-config", "--client", "opencode", "--profile", "t", "--replace"]);
    assert.match(text.stdout, /Imported 4 servers: .*from .*config\.json; .*from .*opencode\.json/);
    // Only the .jsonc file (opencode made it, no opencode.json): its servers are imported.
    await Deno.remove(join(dir, "opencode.json"));
    await Deno.remove(join(dir, "config.json"));
    const only = await cli(h, cwd, [
      "--format",
      "json",
      "import-config",
      "--client",
      "opencode",
      "--profile",
      "x",
    ]);
    assertEquals([only.code, only.json.imported.sort()], [0, ["a", "c"]]);
    // --config-path reads that file alone.
    const one = await cli(h, cwd, [
      "--format",
      "json",
      "import-config",
      "--client",
      "opencode",
      "--profile",
      "y",
      "--config-path",
      join(dir, "opencode.jsonc"),
    ]);
    assertEquals([one.code, one.json.sources.length], [0, 2]);
  }));

Deno.test("Claude Code: local scope and the project's .mcp.json shadow a user deploy; a project deploy is shadowed by its local scope", () =>
  withHome(async (h) => {
    const cwd = await project(h);
    await published(h, "claude-code");
    const file = join(h.userHome, ".claude.json");
    const other = join(h.userHome, "other");
    await Deno.writeTextFile(
      file,
      JSON.stringify(
        {
          numStartups: 3,
          projects: {
            // Entries Claude Code would not read as a local scope: skipped, no warning.
            "/odd": { mcpServers: ["not", "a", "map"] },
            "/odder": "not an object",
            [other]: { mcpServers: { memory: { type: "stdio", command: "local-memory", args: [] } } },
          },
        },
        null,
        2,
      ),
    );
    const refused = await cli(h, cwd, ["--format", "json", "deploy-config", "--client", "claude-code"]);
    assertEquals(refused.code, 6);
    const doc = JSON.parse(refused.stderr || refused.stdout);
    assertEquals([doc.error, doc.details.shadowed], ["shadowed", [
      { server: "memory", file, place: "local scope", project_dir: other },
    ]]);
    const forced = await cli(h, cwd, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "claude-code",
      "--force",
    ]);
    assertEquals([forced.code, forced.json.warnings.filter((w: string) => w.includes("Could not"))], [0, []]);
    const st = (await cli(h, cwd, ["--format", "json", "status", "--client", "claude-code"])).json.targets[0];
    assertEquals([st.state, st.shadowed_servers[0].project_dir], ["shadowed", other]);
    const stText = await cli(h, cwd, ["status", "--client", "claude-code"]);
    assert.ok(
      stText.stdout.includes(`shadowed (memory by ${file} (local scope of ${other}))`),
      stText.stdout,
    );
    // The local entry gone, a project .mcp.json in the current folder holds "solo": shadowed by it.
    const text = JSON.parse(await Deno.readTextFile(file));
    delete text.projects[other].mcpServers.memory;
    await Deno.writeTextFile(file, JSON.stringify(text, null, 2));
    await write(
      join(cwd, ".mcp.json"),
      JSON.stringify({ mcpServers: { solo: { type: "http", url: "http://p" } } }),
    );
    const p = (await cli(h, cwd, ["--format", "json", "status", "--client", "claude-code"])).json.targets[0];
    assertEquals([p.state, p.shadowed_servers], ["shadowed", [
      { server: "solo", file: join(cwd, ".mcp.json"), place: "project scope .mcp.json" },
    ]]);
    // From another folder, that project file is not the one loaded: up to date.
    const elsewhere = join(h.userHome, "elsewhere");
    await Deno.mkdir(elsewhere);
    assertEquals(
      (await cli(h, elsewhere, ["--format", "json", "status", "--client", "claude-code"])).json.targets[0]
        .state,
      "up-to-date",
    );

    // A project deploy: the project's local scope (projects[dir] in ~/.claude.json) wins over .mcp.json.
    await Deno.remove(join(cwd, ".mcp.json"));
    text.projects[cwd] = { mcpServers: { solo: { type: "http", url: "http://local" } } };
    await Deno.writeTextFile(file, JSON.stringify(text, null, 2));
    const projRefused = await cli(h, cwd, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "claude-code",
      "--project-dir",
      cwd,
    ]);
    assertEquals(projRefused.code, 6);
    assertEquals(JSON.parse(projRefused.stderr || projRefused.stdout).details.shadowed, [
      { server: "solo", file, place: "local scope", project_dir: cwd },
    ]);
    assertEquals(await exists(join(cwd, ".mcp.json")), false);
    // import-config of the project scope reads .mcp.json and the project's local scope.
    await write(
      join(cwd, ".mcp.json"),
      JSON.stringify({ mcpServers: { shared: { command: "team-server" } } }),
    );
    const imp = await cli(h, cwd, [
      "--format",
      "json",
      "import-config",
      "--client",
      "claude-code",
      "--profile",
      "proj",
      "--project-dir",
      cwd,
    ]);
    assertEquals(imp.code, 0, imp.stderr);
    assertEquals(Object.fromEntries(imp.json.sources.map((s: any) => [s.server, s.file])), {
      shared: join(cwd, ".mcp.json"),
      solo: file,
    });
  }));

Deno.test("VS Code and Gemini CLI: a workspace file in the current folder shadows a user deploy", () =>
  withHome(async (h) => {
    const cwd = await project(h);
    await published(h, "vscode");
    const ws = join(cwd, ".vscode", "mcp.json");
    await write(
      ws,
      '{\n  // team\n  "servers": { "memory": { "type": "stdio", "command": "team-memory" } }\n}\n',
    );
    const refused = await cli(h, cwd, ["--format", "json", "deploy-config", "--client", "vscode"]);
    assertEquals(refused.code, 6);
    assertEquals(JSON.parse(refused.stderr || refused.stdout).details.shadowed, [
      { server: "memory", file: ws, place: "workspace .vscode/mcp.json" },
    ]);
    assertEquals((await cli(h, cwd, ["deploy-config", "--client", "vscode", "--force"])).code, 0);
    const st = await cli(h, cwd, ["status", "--client", "vscode"]);
    assert.match(st.stdout, /shadowed \(memory by .*\.vscode\/mcp\.json\)/);
    // Gemini CLI: a project .gemini/settings.json wins over the user file, whole entry.
    await published(h, "gemini-cli");
    await write(
      join(cwd, ".gemini", "settings.json"),
      JSON.stringify({ mcpServers: { solo: { args: ["p"] } } }),
    );
    const g = await cli(h, cwd, ["--format", "json", "deploy-config", "--client", "gemini-cli"]);
    assertEquals([g.code, JSON.parse(g.stderr || g.stdout).details.shadowed[0].file], [
      6,
      join(cwd, ".gemini", "settings.json"),
    ]);
    // A client that reads one file (cursor) has nothing that shadows it.
    await published(h, "cursor");
    await write(
      join(cwd, ".cursor", "mcp.json"),
      JSON.stringify({ mcpServers: { memory: { command: "x" } } }),
    );
    assertEquals((await cli(h, cwd, ["deploy-config", "--client", "cursor"])).code, 0);
  }));

Deno.test("over MCP: deploy_config refuses with shadowed, get_deployment_status says shadowed, import_client_config names sources", () =>
  withMcp(async ({ ok, fail, home, deps }) => {
    await init(deps);
    await publish(deps, { client: "opencode", profile: "default", payload: PAYLOAD });
    const jsonc = join(home.userHome, ".config", "opencode", "opencode.jsonc");
    await write(jsonc, '{"mcp": {"memory": {"type": "local", "command": ["my-memory"]}}}');
    const err = await fail("deploy_config", { client_id: "opencode" }, "shadowed");
    assertEquals(err.details.shadowed, [{ server: "memory", file: jsonc, place: "opencode.jsonc" }]);
    const dry = await ok("deploy_config", { client_id: "opencode", dry_run: true });
    assertEquals([dry.needs_force, dry.shadowed.length], [true, 1]);
    await ok("deploy_config", { client_id: "opencode", force: true });
    const st = await ok("get_deployment_status", { client_id: "opencode" });
    assertEquals([st.targets[0].state, st.targets[0].shadowed_servers[0].file], ["shadowed", jsonc]);
    const imp = await ok("import_client_config", { client_id: "opencode", profile_id: "mine" });
    assertEquals(
      imp.sources.map((s: any) => [s.server, s.file.split("/").at(-1)]).sort(),
      [["memory", "opencode.jsonc"], ["solo", "opencode.json"]],
    );
    // Claude Code's local scope lives in the user file itself: seen over MCP too.
    await publish(deps, { client: "claude-code", profile: "default", payload: PAYLOAD });
    await Deno.writeTextFile(
      join(home.userHome, ".claude.json"),
      JSON.stringify({
        projects: { "/srv/app": { mcpServers: { solo: { type: "http", url: "http://l" } } } },
      }),
    );
    const c = await fail("deploy_config", { client_id: "claude-code" }, "shadowed");
    assertEquals(c.details.shadowed[0].project_dir, "/srv/app");
  }));

Deno.test("over MCP, a user target's project files are looked for in the folders the client shared (roots)", async () => {
  const h = await tempHome();
  const root = await project(h);
  await published(h, "vscode");
  await write(
    join(root, ".vscode", "mcp.json"),
    '{"servers": {"memory": {"type": "stdio", "command": "team"}}}',
  );
  const server = createServer(h.deps());
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "t", version: "1" }, { capabilities: { roots: {} } });
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: `file://${root}` }] }));
  await server.connect(st);
  await client.connect(ct);
  try {
    const r = (await client.callTool({ name: "deploy_config", arguments: { client_id: "vscode" } })) as any;
    const doc = JSON.parse(r.content[0].text);
    assertEquals([r.isError, doc.error, doc.details.shadowed], [true, "shadowed", [
      { server: "memory", file: join(root, ".vscode", "mcp.json"), place: "workspace .vscode/mcp.json" },
    ]]);
  } finally {
    await client.close();
    await server.close();
    await h.cleanup();
  }
});

Deno.test("mergeDeep takes the winner's fields over ours, keeps ours it lacks, never a prototype", () => {
  assertEquals(mergeDeep({ a: 1, e: { X: "1" }, c: ["x"] }, { a: 2, c: ["y"], e: { Y: "2" } }), {
    a: 2,
    c: ["y"],
    e: { X: "1", Y: "2" },
  });
  const m = mergeDeep({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
  assertEquals(Object.hasOwn(m, "__proto__"), true);
  assertEquals(({} as Record<string, unknown>).polluted, undefined);
});
