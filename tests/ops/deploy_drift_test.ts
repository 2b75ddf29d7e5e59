import { assert, assertEquals, assertRejects, assertRejectsCode } from "../core/assert.ts";
import { dirname, join } from "node:path";
import { withHome } from "../helpers/home.ts";
import { ready } from "../../src/core/lazy.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { status } from "../../src/ops/status.ts";
import { history } from "../../src/ops/history.ts";
import { rollback } from "../../src/ops/rollback.ts";
import { connect } from "../../src/ops/connect.ts";
import { getClient } from "../../src/clients/registry.ts";
import type { TempHome } from "../helpers/home.ts";

const P1 = {
  mcpServers: { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] } },
};
const P2 = {
  mcpServers: { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory", "--v2"] } },
};

async function setup(h: TempHome, file?: string) {
  const d = h.deps();
  const path = getClient("cursor").configPath("linux", h.env);
  if (file !== undefined) {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, file);
  }
  await init(d);
  await publish(d, { client: "cursor", profile: "default", payload: P1 });
  return { d, path };
}

Deno.test("a missing file and folder are created; status follows the file", () =>
  withHome(async (h) => {
    const { d, path } = await setup(h);
    assertEquals((await status(d, { client: "cursor" })).targets[0].state, "not-deployed");
    const r = await deploy(d, { client: "cursor" });
    assertEquals([r.status, r.backup], ["deployed", null]);
    assertEquals(JSON.parse(await Deno.readTextFile(path)).mcpServers.memory.command, "npx");
    assertEquals((await status(d, { client: "cursor" })).targets[0].state, "up-to-date");
    await publish(d, { client: "cursor", profile: "default", payload: P2 });
    assertEquals((await status(d, { client: "cursor" })).targets[0].state, "outdated");
    await Deno.remove(path);
    assertEquals((await status(d, { client: "cursor" })).targets[0].state, "missing-file");
  }));

Deno.test("an unmanaged entry of the same name is drift (exit 6) unless --force; dry-run writes nothing", () =>
  withHome(async (h) => {
    const original =
      '{\n  "mcpServers": {\n    "memory": { "command": "my-memory", "env": { "MY_TOKEN": "hunter2hunter2" } }\n  }\n}\n';
    const { d, path } = await setup(h, original);
    const err = await assertRejects(() => deploy(d, { client: "cursor" }), "drift_detected");
    const conflicts = err.details.conflicts as { server: string; kind: string; differences: unknown[] }[];
    assertEquals(conflicts.map((c) => [c.server, c.kind]), [["memory", "unmanaged"]]);
    assert.ok(
      !JSON.stringify(err.details).includes("hunter2hunter2"),
      "a secret value leaked into the drift report",
    );
    assertEquals(await Deno.readTextFile(path), original);
    const dry = await deploy(d, { client: "cursor", force: true, dryRun: true });
    assertEquals(dry.status, "dry_run");
    assert.match(dry.diff!, /^--- /);
    assert.ok(!dry.diff!.includes("hunter2hunter2"));
    assertEquals(await Deno.readTextFile(path), original);
    const forced = await deploy(d, { client: "cursor", force: true });
    assertEquals(forced.changes.updated, ["memory"]);
    // A real deploy's diff is there for JSON readers (computed when read, once ready() loaded jsdiff),
    // redacted as the dry run's.
    const json = JSON.parse(JSON.stringify(await ready(forced)));
    assert.equal(json.diff, dry.diff);
    assert.match(json.diff, /^-.*my-memory/m);
  }));

Deno.test("a managed entry edited by hand is drift; status names it", () =>
  withHome(async (h) => {
    const { d, path } = await setup(h, '{ "mcpServers": {} }\n');
    await deploy(d, { client: "cursor" });
    const edited = (await Deno.readTextFile(path)).replace("server-memory", "server-memory-fork");
    await Deno.writeTextFile(path, edited);
    const st = (await status(d, { client: "cursor" })).targets[0];
    assertEquals([st.state, st.drifted_servers], ["drifted", [{ server: "memory", change: "modified" }]]);
    await publish(d, { client: "cursor", profile: "default", payload: P2 });
    await assertRejectsCode(() => deploy(d, { client: "cursor" }), "drift_detected");
    assertEquals(await Deno.readTextFile(path), edited);
  }));

Deno.test("an unparsable target is never overwritten (config_parse_error)", () =>
  withHome(async (h) => {
    const bad = '{ "mcpServers": { "x": { "command": "a" }, \n';
    const { d, path } = await setup(h, bad);
    await assertRejectsCode(() => deploy(d, { client: "cursor" }), "config_parse_error");
    assertEquals(await Deno.readTextFile(path), bad);
    await Deno.writeFile(path, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    await assertRejectsCode(() => deploy(d, { client: "cursor" }), "config_parse_error");
  }));

Deno.test("history lists every deployment newest first; rollback --restore refuses a changed file", () =>
  withHome(async (h) => {
    const { d, path } = await setup(h, '{"mcpServers":{}}');
    const a = await deploy(d, { client: "cursor" });
    await publish(d, { client: "cursor", profile: "default", payload: P2 });
    const b = await deploy(d, { client: "cursor" });
    const hist = await history(d, { client: "cursor" });
    assertEquals(hist.deployments.map((x) => x.deployment_id), [b.deployment_id, a.deployment_id]);
    assertEquals((await history(d, { client: "cursor", limit: 1 })).deployments.length, 1);
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + " ");
    await assertRejectsCode(
      () => rollback(d, { client: "cursor", restore: b.deployment_id! }),
      "drift_detected",
    );
    await assertRejectsCode(
      () => rollback(d, { client: "cursor", restore: "nope-nope" }),
      "deployment_not_found",
    );
    await assertRejectsCode(() => history(d, { client: "nope" }), "client_not_found");
  }));

Deno.test("connect adds our server, which deploys never remove", () =>
  withHome(async (h) => {
    const { d, path } = await setup(h, '{"mcpServers":{}}');
    const c = await connect(d, { client: "cursor" });
    assertEquals(c.status, "connected");
    assertEquals((await connect(d, { client: "cursor" })).status, "unchanged");
    await deploy(d, { client: "cursor" });
    await publish(d, { client: "cursor", profile: "other", payload: P2 });
    await deploy(d, { client: "cursor", profile: "other", force: true });
    const servers = JSON.parse(await Deno.readTextFile(path)).mcpServers;
    assertEquals(Object.keys(servers).sort(), ["mcp-orchestration", "memory"]);
    assertEquals(servers["mcp-orchestration"].args.slice(-3), ["serve", "--home", h.home]);
  }));

Deno.test("a config path outside the allowed places is refused; a named one is allowed", () =>
  withHome(async (h) => {
    const { d } = await setup(h);
    const named = join(h.userHome, "elsewhere", "mcp.json");
    const r = await deploy(d, { client: "cursor", configPath: named });
    assertEquals(r.status, "deployed");
    await assertRejectsCode(
      () => deploy(h.deps(), { client: "cursor", configPath: "/etc/../etc/x.json" }),
      "path_not_allowed",
    );
  }));

Deno.test("a tampered artifact is refused before the client file is touched", () =>
  withHome(async (h) => {
    const { d, path } = await setup(h, '{"mcpServers":{}}\n');
    const art = join(
      h.home,
      "artifacts",
      (await Array.fromAsync(Deno.readDir(join(h.home, "artifacts"))))[0].name,
    );
    await Deno.writeTextFile(art, (await Deno.readTextFile(art)).replace("server-memory", "server-evil!"));
    await assertRejectsCode(() => deploy(d, { client: "cursor" }), "integrity_error");
    assertEquals(await Deno.readTextFile(path), '{"mcpServers":{}}\n');
    assertEquals(await Array.fromAsync(Deno.readDir(join(h.home, "backups"))).catch(() => []), []);
  }));

Deno.test("status reads back project and --config-path targets; a restore to before the first deploy is not-deployed", () =>
  withHome(async (h) => {
    const { d } = await setup(h);
    const project = join(h.userHome, "work", "app");
    await Deno.mkdir(project, { recursive: true });
    await deploy(d, { client: "cursor", scope: "project", projectDir: project });
    const custom = join(h.userHome, "custom", "mcp.json");
    await deploy(d, { client: "cursor", configPath: custom });
    // A fresh process (new deps: a new allow-list) reads the recorded paths back.
    const st = (await status(h.deps(), { client: "cursor" })).targets;
    assertEquals(st.map((t) => t.state).sort(), ["up-to-date", "up-to-date"]);
    const first = await deploy(d, { client: "cursor" });
    await rollback(d, { client: "cursor", restore: first.deployment_id! });
    const user = (await status(h.deps(), { client: "cursor" })).targets.find((t) =>
      t.config_path === getClient("cursor").configPath("linux", h.env)
    );
    assertEquals(user?.state, "not-deployed");
  }));
