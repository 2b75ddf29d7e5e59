/**
 * MCP stdio latency harness: builds a home with 1,000 artifacts over 50 profiles (through the ops, in a
 * temp folder), starts `main.ts serve` under the compiled binary's permission flags, and reports
 * p50/p95/p99 per tool, 100 concurrent get_config calls, and the time to the first `initialize` response.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run bench/mcp_latency.ts [--iterations N]
 */
import { join } from "node:path";
import { RUN_FLAGS } from "../scripts/permissions.ts";
import { realDenoDir } from "../scripts/deno_dir.ts";
import { makeDeps } from "../src/platform/make_deps.ts";
import { allClientFiles } from "../src/clients/allowed_files.ts";
import { init } from "../src/ops/init.ts";
import { publish } from "../src/deploy/publish.ts";
import { addServer } from "../src/ops/add_server.ts";
import { RawClient } from "./raw_client.ts";

const N = Number(Deno.args[Deno.args.indexOf("--iterations") + 1]) || 200;
const PROFILES = 50;
const PER_PROFILE = 20;
const MAIN = new URL("../main.ts", import.meta.url).pathname;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function buildHome(userHome: string): Promise<void> {
  const env = { HOME: userHome, XDG_CONFIG_HOME: join(userHome, ".config") };
  const deps = makeDeps({ env, os: "linux", clientFiles: allClientFiles });
  await init(deps);
  for (let p = 0; p < PROFILES; p++) {
    for (let v = 0; v < PER_PROFILE; v++) {
      const mcpServers: Record<string, unknown> = {};
      for (let s = 0; s < 5; s++) {
        mcpServers[`srv${s}`] = { command: "npx", args: ["-y", `pkg-${p}-${v}-${s}`] };
      }
      await publish(deps, {
        client: "claude-desktop",
        profile: `p${p}`,
        payload: { mcpServers },
        changelog: `v${v}`,
      });
    }
  }
  await addServer(deps, { id: "memory", client: "claude-desktop", profile: "default" });
  await addServer(deps, {
    id: "filesystem",
    client: "claude-desktop",
    profile: "default",
    params: { allowed_directory: [userHome] },
  });
}

const rows: string[][] = [];
function report(name: string, xs: number[], goal: number) {
  const [p50, p95, p99] = [pct(xs, 50), pct(xs, 95), pct(xs, 99)];
  rows.push([
    name,
    String(xs.length),
    p50.toFixed(2),
    p95.toFixed(2),
    p99.toFixed(2),
    `${goal}`,
    p95 <= goal ? "ok" : "MISSED",
  ]);
}

const userHome = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-bench-" }));
try {
  const t0 = performance.now();
  await buildHome(userHome);
  console.error(
    `home built in ${(performance.now() - t0).toFixed(0)} ms: ${
      PROFILES * PER_PROFILE
    } artifacts, ${PROFILES} profiles`,
  );
  const env = {
    DENO_DIR: await realDenoDir(),
    PATH: Deno.env.get("PATH") ?? "",
    HOME: userHome,
    XDG_CONFIG_HOME: join(userHome, ".config"),
  };

  const inits: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = RawClient.spawn(Deno.execPath(), ["run", "--quiet", ...RUN_FLAGS, MAIN, "serve"], env);
    await c.initialize();
    inits.push(c.initializedAfterMs);
    await c.close();
  }
  const c = RawClient.spawn(Deno.execPath(), ["run", "--quiet", ...RUN_FLAGS, MAIN, "serve"], env);
  await c.initialize();
  const timeTool = async (
    name: string,
    args: (i: number) => Record<string, unknown>,
    goal: number,
    n = N,
  ) => {
    for (let i = 0; i < 10; i++) await c.tool(name, args(i)); // warm-up
    const xs: number[] = [];
    for (let i = 0; i < n; i++) xs.push((await c.tool(name, args(i))).ms);
    report(name, xs, goal);
  };
  const pub = (await c.tool("publish_config", { client_id: "claude-desktop", changelog: "bench" })).result;
  const dep = (await c.tool("deploy_config", { client_id: "claude-desktop" })).result;
  const read: [string, Record<string, unknown>][] = [
    ["list_clients", {}],
    ["list_profiles", {}],
    ["get_config", { profile_id: "p7" }],
    ["diff_config", {}],
    ["list_available_servers", { search_query: "git" }],
    ["describe_server", { server_id: "github" }],
    ["view_draft_config", {}],
    ["validate_config", {}],
    ["check_server_installation", { server_id: "filesystem" }],
    ["get_install_command", { server_id: "filesystem" }],
    ["get_deployment_status", { client_id: "claude-desktop" }],
    ["list_deployment_history", {}],
    ["get_deployment_details", { deployment_id: dep.deployment_id }],
    ["verify_config", { artifact_id: pub.artifact_id }],
  ];
  for (const [name, args] of read) await timeTool(name, () => args, 5);
  // publish_config: each call publishes new content (a server added first, untimed).
  const pubs: number[] = [];
  for (let i = 0; i < Math.min(N, 100); i++) {
    await c.tool("add_server_to_config", {
      client_id: "claude-desktop",
      server_id: "bench",
      command: "echo",
      args: [`run-${i}`],
      replace: true,
    });
    pubs.push((await c.tool("publish_config", { client_id: "claude-desktop", changelog: `b${i}` })).ms);
  }
  report("publish_config", pubs, 25);
  // deploy_config: alternate between two artifacts, so every call writes the file.
  const latest = (await c.tool("get_config", {})).result.artifact_id;
  await timeTool(
    "deploy_config",
    (i) => ({ client_id: "claude-desktop", artifact_id: i % 2 ? latest : pub.artifact_id }),
    25,
    Math.min(N, 100),
  );

  // 100 concurrent get_config calls over 50 profiles: every answer checked.
  const expected = new Map<string, string>();
  for (let p = 0; p < PROFILES; p++) {
    expected.set(`p${p}`, (await c.tool("get_config", { profile_id: `p${p}` })).result.artifact_id);
  }
  const conc: number[] = [];
  for (let round = 0; round < 5; round++) {
    const rs = await Promise.all(
      Array.from({ length: 100 }, (_, i) => c.tool("get_config", { profile_id: `p${i % PROFILES}` })),
    );
    rs.forEach((r, i) => {
      if (r.result.artifact_id !== expected.get(`p${i % PROFILES}`)) {
        throw new Error(`concurrent get_config ${i} answered wrongly`);
      }
      conc.push(r.ms);
    });
  }
  report("get_config x100 concurrent", conc, 25);
  report("initialize (spawn to response)", inits, 150);
  await c.close();

  const head = ["tool", "n", "p50 ms", "p95 ms", "p99 ms", "goal p95", ""];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((x, i) => x.padEnd(w[i])).join(" | ") + " |";
  console.log(
    [line(head), "|" + w.map((x) => "-".repeat(x + 2)).join("|") + "|", ...rows.map(line)].join("\n"),
  );
} finally {
  await Deno.remove(userHome, { recursive: true });
}
