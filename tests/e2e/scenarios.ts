/**
 * The seed's walk-throughs as reusable steps over the real CLI (tests/e2e/cli.ts), each in a fresh
 * temp HOME. `scenarioA`/`scenarioB` stop after publish and return their context, so a test can go
 * on (deploy to claude-desktop, restart hint) with `ctx.run(...)`.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type CliResult, runCli } from "./cli.ts";

/** The GitHub token scenario A gives with --env (fake, token-shaped). */
export const SCENARIO_TOKEN = "ghp_e2eFAKEtoken0123456789ABCDEFGHIJKLmn";

export interface ScenarioContext {
  /** The temp user home (HOME); the state folder is `<dir>/.mcp-orchestration`. */
  dir: string;
  home: string;
  env: Record<string, string>;
  /** Runs one CLI command with `--format json`, asserting the exit code. */
  run(args: string[], expectCode?: number): Promise<CliResult>;
  /** The artifact id of the publish. */
  artifactId: string;
}

/** Runs `fn` with a fresh temp HOME, removed afterwards. */
export async function withScenarioHome(
  fn: (ctx: Omit<ScenarioContext, "artifactId">) => Promise<void>,
): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-scenario-" }));
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, ".config") };
  const run = async (args: string[], expectCode = 0) => {
    const r = await runCli([...args, "--format", "json"], env);
    assertEquals(r.code, expectCode, `${args.join(" ")}:\n${r.stdout}${r.stderr}`);
    assert.ok(r.json !== undefined, `${args.join(" ")}: stdout is not one JSON document:\n${r.stdout}`);
    return r;
  };
  try {
    await fn({ dir, home: join(dir, ".mcp-orchestration"), env, run });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Every file under `root` (recursive). */
export async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(root)) {
    const p = join(root, e.name);
    if (e.isDirectory) out.push(...await filesUnder(p));
    else if (e.isFile) out.push(p);
  }
  return out.sort();
}

/** Scenario A up to publish: init, list servers, add filesystem + memory + github, view, validate
 * (MISSING_ENV, then fixed with the token), publish with a changelog. */
export async function scenarioA(ctx: Omit<ScenarioContext, "artifactId">): Promise<ScenarioContext> {
  const { run, dir } = ctx;
  assertEquals((await run(["init"])).json.status, "created");
  const list = await run(["list-servers"]);
  for (const id of ["filesystem", "memory", "github"]) {
    assert.ok(list.json.servers.some((s: { id: string }) => s.id === id), id);
  }
  await run([
    "add-server",
    "filesystem",
    "--client",
    "claude-desktop",
    "--param",
    `allowed_directory=${join(dir, "projects")}`,
  ]);
  await run(["add-server", "memory", "--client", "claude-desktop"]);
  const gh = await run(["add-server", "github", "--client", "claude-desktop"]);
  assertEquals(gh.json.servers, ["filesystem", "memory", "github"]);
  const view = await run(["view-draft", "--client", "claude-desktop"]);
  assertEquals(view.json.server_count, 3);
  const bad = await run(["validate-config", "--client", "claude-desktop"], 4);
  assertEquals(bad.json.valid, false);
  assertEquals(bad.json.errors.map((e: { code: string }) => e.code), ["MISSING_ENV"]);
  assertEquals(bad.json.errors[0].message, "Server 'github' requires GITHUB_PERSONAL_ACCESS_TOKEN");
  const refused = await run(["publish-config", "--client", "claude-desktop"], 4);
  assertEquals(refused.json.error, "validation_failed");
  const fixed = await run([
    "add-server",
    "github",
    "--client",
    "claude-desktop",
    "--replace",
    "--env",
    `GITHUB_PERSONAL_ACCESS_TOKEN=${SCENARIO_TOKEN}`,
  ]);
  assertEquals(fixed.json.secrets_stored, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
  const ok = await run(["validate-config", "--client", "claude-desktop"]);
  assertEquals([ok.json.valid, ok.json.server_count], [true, 3]);
  const pub = await run([
    "publish-config",
    "--client",
    "claude-desktop",
    "--changelog",
    "Filesystem, memory and GitHub",
  ]);
  assertEquals([pub.json.status, pub.json.version, pub.json.server_count], ["published", 1, 3]);
  return { ...ctx, artifactId: pub.json.artifact_id };
}

/** Asserts the token is in no file under the temp home except secrets.json, which is 0600. */
export async function assertTokenOnlyInSecrets(
  ctx: { dir: string; home: string },
  token = SCENARIO_TOKEN,
): Promise<void> {
  const holders: string[] = [];
  for (const f of await filesUnder(ctx.dir)) {
    if (new TextDecoder().decode(await Deno.readFile(f)).includes(token)) holders.push(f);
  }
  assertEquals(holders, [join(ctx.home, "secrets.json")]);
  if (Deno.build.os !== "windows") assertEquals((await Deno.stat(holders[0])).mode! & 0o777, 0o600);
}

/** A hand-made Claude Desktop file with two servers, one holding a literal API key. */
export const HAND_MADE = `{
  "globalShortcut": "Ctrl+Space",
  "mcpServers": {
    "notes": {
      "command": "node",
      "args": ["/opt/notes/index.js"],
      "env": { "NOTES_API_KEY": "nk-handmade-0123456789", "NOTES_DIR": "/srv/notes" }
    },
    "weather": { "command": "uvx", "args": ["weather-mcp", "--units", "metric"] }
  }
}
`;

/** Scenario B up to publish: import an existing Claude Desktop file with two hand-made servers, add
 * one, diff, publish. Returns the context and the config file path. */
export async function scenarioB(
  ctx: Omit<ScenarioContext, "artifactId">,
): Promise<ScenarioContext & { configPath: string }> {
  const { run, dir } = ctx;
  const configPath = join(dir, ".config", "Claude", "claude_desktop_config.json");
  await Deno.mkdir(join(dir, ".config", "Claude"), { recursive: true });
  await Deno.writeTextFile(configPath, HAND_MADE);
  await run(["init"]);
  const imp = await run(["import-config", "--client", "claude-desktop"]);
  assertEquals([imp.json.imported, imp.json.secrets_stored], [["notes", "weather"], ["NOTES_API_KEY"]]);
  await run(["add-server", "memory", "--client", "claude-desktop"]);
  const first = await run(["diff-config", "claude-desktop"]);
  assertEquals(first.json.status, "unknown");
  const pub = await run([
    "publish-config",
    "--client",
    "claude-desktop",
    "--changelog",
    "Imported plus memory",
  ]);
  assertEquals(pub.json.server_count, 3);
  const same = await run(["diff-config", "claude-desktop", "--draft"]);
  assertEquals([same.json.status, same.json.servers_unchanged], ["up-to-date", [
    "memory",
    "notes",
    "weather",
  ]]);
  const file = await run(["diff-config", "claude-desktop", "--file", configPath]);
  assertEquals([file.json.status, file.json.servers_added, file.json.servers_removed], ["outdated", [
    "memory",
  ], []]);
  assertEquals(file.json.servers_unchanged, ["notes", "weather"]);
  assert.ok(!file.stdout.includes("nk-handmade-0123456789"));
  assertEquals(await Deno.readTextFile(configPath), HAND_MADE);
  return { ...ctx, artifactId: pub.json.artifact_id, configPath };
}
