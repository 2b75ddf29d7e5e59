/**
 * Concurrency harness: N worker loops, each running M mixed CLI commands one after another as
 * subprocesses (add-server, publish-config, deploy-config, rollback, and reads), all on one state folder
 * and one client file, while the MCP server (a `serve` subprocess) takes its own writes and reads, and
 * a watcher reads the client file every few milliseconds. Checked: no lost update (every added server
 * in its draft, every publish in its index, every reported deployment in the history and nothing
 * else), no torn file (every version the watcher saw parses and is a logged post-image), no deadlock
 * (no lock_timeout, everything finishes), and verify --all plus the secrets scan pass at the end.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { assertSecretsContained } from "../helpers/secret_scan.ts";
import { sha256Hex } from "../../src/core/digest.ts";
import { codecFor } from "../../src/clients/codecs/mod.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { history } from "../../src/ops/history.ts";
import { readDraft } from "../../src/store/drafts.ts";
import { readIndex } from "../../src/store/profile_index.ts";
import { trustedKeys } from "../../src/store/keys.ts";
import { USER_TEXT } from "../reliability/deploy_fixture.ts";
import { runCommand, seeded, stressHome } from "./proc.ts";
import { testSeed, withSeed } from "../helpers/seed.ts";
import { type Expect, mcpWorker } from "./mcp_worker.ts";

export interface ConcurrencyOptions {
  processes: number;
  opsEach: number;
  mcpCalls: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ConcurrencyFigures {
  processes: number;
  opsEach: number;
  seed: number;
  /** kind -> [succeeded, refused with an allowed code]. */
  ops: Record<string, [number, number]>;
  mcpCalls: number;
  deployments: number;
  /** Reads of the client file by the watcher, and how many distinct versions it saw. */
  fileReads: number;
  versionsSeen: number;
  slowestOpMs: number;
  seconds: number;
}

const PROFILES = ["p0", "p1", "p2", "p3"];

/** One worker's loop of `n` commands; records what it must find in the store at the end. */
async function worker(
  h: TempHome,
  w: number,
  n: number,
  rand: () => number,
  x: Expect,
  f: ConcurrencyFigures,
) {
  for (let i = 0; i < n; i++) {
    const r = rand();
    const own = PROFILES[w % PROFILES.length];
    let kind: string;
    let args: string[];
    const allowed: string[] = [];
    if (r < 0.3) {
      kind = "add-server";
      args = [
        "add-server",
        `w${w}-${i}`,
        "--client",
        "cursor",
        "--profile",
        own,
        "--command",
        "npx",
        "--arg",
        `w${w}-${i}`,
        "--env",
        `W${w}_${i}_TOKEN=tok-w${w}-${i}-abcdef`,
      ];
    } else if (r < 0.45) {
      kind = "publish-config";
      args = ["publish-config", "--client", "cursor", "--profile", own, "--changelog", `w${w} op ${i}`];
      allowed.push("validation_failed");
    } else if (r < 0.7) {
      kind = "deploy-config";
      args = [
        "deploy-config",
        "--client",
        "cursor",
        "--profile",
        PROFILES[Math.floor(rand() * PROFILES.length)],
      ];
    } else if (r < 0.8) {
      kind = "rollback";
      args = ["rollback", "--client", "cursor"];
      allowed.push("deployment_not_found");
    } else {
      kind = ["status", "history", "verify", "get-config"][Math.floor(rand() * 4)];
      args = kind === "verify"
        ? ["verify", "--all"]
        : kind === "history"
        ? ["history", "--client", "cursor"]
        : kind === "status"
        ? ["status"]
        : ["get-config", "cursor", own];
    }
    const o = await runCommand(h, [...args, "--format", "json"]);
    f.slowestOpMs = Math.max(f.slowestOpMs, o.ms);
    const counts = f.ops[kind] ??= [0, 0];
    if (o.code !== 0) {
      assert.ok(
        o.json && allowed.includes(o.json.error),
        `worker ${w} op ${i} ${args.join(" ")}: ${o.stdout}${o.stderr}`,
      );
      counts[1]++;
      continue;
    }
    counts[0]++;
    if (kind === "add-server") x.servers.push([own, `w${w}-${i}`]);
    if (kind === "publish-config" && o.json.status === "published") {
      x.published.push([own, o.json.artifact_id]);
    }
    if ((kind === "deploy-config" || kind === "rollback") && o.json.deployment_id) {
      x.deployments.add(o.json.deployment_id);
    }
  }
}

/** Reads the client file every few milliseconds until `stop`; every version must parse. */
async function watch(file: string, seen: Map<string, string>, stop: () => boolean, f: ConcurrencyFigures) {
  let last: Uint8Array | null = null;
  while (!stop()) {
    const now = await Deno.readFile(file).catch(() => null);
    f.fileReads++;
    if (now && (!last || now.length !== last.length || now.some((b, i) => b !== last![i]))) {
      last = now;
      const text = new TextDecoder().decode(now);
      const sha = await sha256Hex(now);
      if (!seen.has(sha)) {
        codecFor("json").readServers(text, { path: ["mcpServers"], shape: "map" }); // throws on a torn file
        seen.set(sha, text);
      }
    }
    await new Promise((r) => setTimeout(r, 3));
  }
}

/** Runs the harness in a fresh temp home. */
export function concurrencyHarness(o: ConcurrencyOptions): Promise<ConcurrencyFigures> {
  const seed = o.seed ?? testSeed();
  return withSeed("concurrency harness", seed, () => concurrencyRun(o, seed));
}

async function concurrencyRun(o: ConcurrencyOptions, seed: number): Promise<ConcurrencyFigures> {
  const h = await stressHome();
  const t0 = performance.now();
  const f: ConcurrencyFigures = {
    processes: o.processes,
    opsEach: o.opsEach,
    seed,
    ops: {},
    mcpCalls: 0,
    deployments: 0,
    fileReads: 0,
    versionsSeen: 0,
    slowestOpMs: 0,
    seconds: 0,
  };
  try {
    const d = h.deps();
    await init(d);
    for (const p of PROFILES) {
      await publish(d, {
        client: "cursor",
        profile: p,
        payload: { mcpServers: { [`base-${p}`]: { command: "uvx", args: [p] } } },
      });
    }
    const file = join(h.userHome, ".cursor", "mcp.json");
    await Deno.mkdir(join(h.userHome, ".cursor"));
    await Deno.writeTextFile(file, USER_TEXT);
    const x: Expect = { servers: [], published: [], deployments: new Set() };
    const seen = new Map<string, string>();
    let done = false;
    const watcher = watch(file, seen, () => done, f);
    const rand = seeded(seed);
    const jobs = Array.from(
      { length: o.processes },
      (_, w) => worker(h, w, o.opsEach, seeded(Math.floor(rand() * 1e9)), x, f),
    );
    jobs.push(mcpWorker(h, o.mcpCalls, x).then((n) => void (f.mcpCalls = n)));
    // Every job runs to its end (a failure must not leave others writing while the home is removed).
    const settled = await Promise.allSettled(jobs);
    done = true;
    await watcher;
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    o.log?.(`ran ${o.processes} x ${o.opsEach} commands and ${f.mcpCalls} MCP calls`);
    // No lost update.
    for (const [profile, name] of x.servers) {
      assert.ok(
        (await readDraft(d, "cursor", profile)).servers.some((s) => s.name === name),
        `lost: server ${name} in ${profile}`,
      );
    }
    const trusted = await trustedKeys(d);
    for (const [profile, id] of x.published) {
      assert.ok(
        (await readIndex(d, "cursor", profile, trusted))?.entries.some((e) => e.artifact_id === id),
        `lost: publish ${id} of ${profile}`,
      );
    }
    const records = (await history(d, { client: "cursor", limit: 1_000_000 })).deployments;
    assertEquals(
      new Set(records.map((r) => r.deployment_id)),
      x.deployments,
      "the history is not exactly the deployments reported",
    );
    f.deployments = records.length;
    // No torn file: every version seen is one we logged writing (or the user's original).
    const posts = new Set([
      ...records.map((r) => r.post_image_sha256),
      await sha256Hex(new TextEncoder().encode(USER_TEXT)),
    ]);
    for (const sha of seen.keys()) {
      assert.ok(
        posts.has(sha),
        `the watcher saw a version no deployment wrote: ${seen.get(sha)!.slice(0, 200)}`,
      );
    }
    assertEquals(
      await sha256Hex(await Deno.readFile(file)),
      records[0]?.post_image_sha256,
      "the file is not the last deployment's",
    );
    f.versionsSeen = seen.size;
    const v = await runCommand(h, ["verify", "--all", "--format", "json"]);
    assert.ok(v.code === 0, `verify --all: ${v.stdout}`);
    await assertSecretsContained({ dir: h.userHome, home: h.home });
  } finally {
    f.seconds = Math.round((performance.now() - t0) / 100) / 10;
    await h.cleanup();
  }
  return f;
}
