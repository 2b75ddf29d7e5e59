/**
 * Profiles shared through git, simulated (issue 16): one publisher and N machines (default 200), each a
 * separate HOME with its own state folder, pulling the same profile from a bare repository served by
 * `git daemon` on 127.0.0.1, each verifying it and deploying it to Claude Code's user file. Machines run
 * with bounded concurrency (default 4: this box has 2 cores shared with others); every machine runs the
 * real CLI (`deno run <RUN_FLAGS> main.ts`, the compiled binary's permissions) under /usr/bin/time:
 *
 *   remote add origin git://127.0.0.1:PORT/profiles.git   (its trust: the publisher's key copied in)
 *   pull                                                 (fetch, verify everything, take)
 *   deploy-config --client claude-code --profile team    (verify again, render, write)
 *
 * Reported: wall time, per-machine time (sum of its three commands) p50/p95/max, peak RSS of any one
 * process, bytes moved (the pack each machine received, as git dumps it with GIT_TRACE_PACKFILE),
 * and that every machine's ~/.claude.json is byte-identical. Then the scale case: a repository with
 * P profiles (default 1,000), one machine pulls it all, one profile is republished and pushed, and the
 * machine pulls again: paths verified, bytes received and time of both pulls.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run --allow-net bench/share_sim.ts \
 *     [--machines 200] [--concurrency 4] [--profiles 1000]
 *
 * Not part of `deno task test`. Prints a Markdown report on stdout.
 */
import { join } from "node:path";
import { RUN_FLAGS } from "../scripts/permissions.ts";
import { realDenoDir } from "../scripts/deno_dir.ts";
import { makeDeps } from "../src/platform/make_deps.ts";
import { allClientFiles } from "../src/clients/allowed_files.ts";
import { init } from "../src/ops/init.ts";
import { publish } from "../src/deploy/publish.ts";

const arg = (name: string, d: number) =>
  Deno.args.includes(name) ? Number(Deno.args[Deno.args.indexOf(name) + 1]) : d;
const MACHINES = arg("--machines", 200);
const CONCURRENCY = arg("--concurrency", 4);
const PROFILES = arg("--profiles", 1000);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const DENO_DIR = await realDenoDir();
const PATH = Deno.env.get("PATH") ?? "";

const dec = new TextDecoder();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

function envFor(home: string): Record<string, string> {
  return { HOME: home, DENO_DIR, PATH, GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" };
}

/** Runs the CLI under /usr/bin/time: its wall time, peak RSS (KiB) and parsed JSON output. */
async function cli(
  home: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ ms: number; cpuMs: number; rssKb: number; json: any; code: number }> {
  const t0 = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: [
      "-f",
      "MAXRSS %M CPU %U %S",
      Deno.execPath(),
      "run",
      "--quiet",
      ...RUN_FLAGS,
      MAIN,
      "--format",
      "json",
      ...args,
    ],
    env: { ...envFor(home), ...extraEnv },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - t0;
  const err = dec.decode(out.stderr);
  const rss = Number(/MAXRSS (\d+)/.exec(err)?.[1] ?? 0);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(err);
  const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : 0;
  let json: any = null;
  try {
    json = JSON.parse(dec.decode(out.stdout));
  } catch { /* below */ }
  if (out.code !== 0) {
    throw new Error(`${args.join(" ")} (HOME=${home}) exit ${out.code}: ${dec.decode(out.stdout)} ${err}`);
  }
  return { ms: elapsed, cpuMs, rssKb: rss, json, code: out.code };
}

/** 1, 5 and 15 minute load averages (other work on the machine inflates every figure). */
function loadAverage(): string {
  try {
    const out = new Deno.Command("cat", { args: ["/proc/loadavg"], stdout: "piped" }).outputSync();
    const [a, b, c] = dec.decode(out.stdout).split(" ");
    return `${a} / ${b} / ${c} (1 / 5 / 15 min)`;
  } catch {
    return "unknown";
  }
}

async function git(dir: string | null, args: string[], env: Record<string, string>) {
  const out = await new Deno.Command("git", {
    args: dir ? [`--git-dir=${dir}`, ...args] : args,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) throw new Error(`git ${args.join(" ")}: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout).trim();
}

/** The size of a file (0 when missing): a GIT_TRACE_PACKFILE dump is exactly the pack git received. */
async function sizeOf(path: string): Promise<number> {
  return (await Deno.stat(path).catch(() => null))?.size ?? 0;
}

/** Total size of the files under `dir`. */
async function du(dir: string): Promise<number> {
  let n = 0;
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) n += await du(p);
    else if (e.isFile) n += (await Deno.stat(p)).size;
  }
  return n;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function pool<T>(n: number, items: T[], fn: (x: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-share-sim-" }));
const served = join(base, "served");
const bare = join(served, "profiles.git");
await Deno.mkdir(bare, { recursive: true });
await git(bare, ["init", "--quiet", "--bare"], envFor(base));
const port = freePort();
const daemon = new Deno.Command("git", {
  args: [
    "daemon",
    "--reuseaddr",
    "--export-all",
    `--base-path=${served}`,
    "--listen=127.0.0.1",
    `--port=${port}`,
    "--max-connections=64",
    served,
  ],
  env: envFor(base),
  clearEnv: true,
  stdout: "null",
  stderr: "null",
}).spawn();
const url = `git://127.0.0.1:${port}/profiles.git`;

try {
  // Wait for the daemon to listen.
  for (let i = 0; i < 100; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // The publisher: one profile of three servers, pushed over a path (git daemon serves reads only).
  const pub = join(base, "publisher");
  await Deno.mkdir(pub);
  const pubDeps = makeDeps({ env: envFor(pub), os: "linux", clientFiles: allClientFiles });
  const key = await init(pubDeps);
  await publish(pubDeps, {
    client: "claude-code",
    profile: "team",
    changelog: "team servers",
    payload: {
      mcpServers: {
        memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] },
        time: { command: "uvx", args: ["mcp-server-time"] },
        docs: { type: "http", url: "https://mcp.example.com/mcp" },
      },
    },
  });
  await cli(pub, ["remote", "add", "origin", bare]);
  await cli(pub, ["push", "--client", "claude-code", "--profile", "team"]);
  const pubKey = await Deno.readFile(join(pub, ".mcp-orchestration", "keys", "signing.pub"));

  // N machines, each with its own key pair (init, not timed) and the publisher's key trusted.
  for (let i = 0; i < MACHINES; i++) {
    const home = join(base, `m${i}`);
    await Deno.mkdir(home);
    await init(makeDeps({ env: envFor(home), os: "linux", clientFiles: allClientFiles }));
    await Deno.writeFile(join(home, ".mcp-orchestration", "keys", "trusted", `${key.key_id}.pub`), pubKey);
  }
  const perMachine: {
    ms: number;
    cpuMs: number;
    pullMs: number;
    pullCpuMs: number;
    rssKb: number;
    bytes: number;
    file: string;
  }[] = [];
  const t0 = performance.now();
  await pool(CONCURRENCY, Array.from({ length: MACHINES }, (_, i) => i), async (i) => {
    const home = join(base, `m${i}`);
    const runs = [
      await cli(home, ["remote", "add", "origin", url]),
      await cli(home, ["pull"], { GIT_TRACE_PACKFILE: join(home, "pull.pack") }),
      await cli(home, ["deploy-config", "--client", "claude-code", "--profile", "team"]),
    ];
    if (runs[1].json.profiles?.[0]?.status !== "new") {
      throw new Error(`machine ${i}: ${JSON.stringify(runs[1].json)}`);
    }
    if (runs[2].json.status !== "deployed") throw new Error(`machine ${i}: ${JSON.stringify(runs[2].json)}`);
    perMachine[i] = {
      ms: runs.reduce((n, r) => n + r.ms, 0),
      cpuMs: runs.reduce((n, r) => n + r.cpuMs, 0),
      pullMs: runs[1].ms,
      pullCpuMs: runs[1].cpuMs,
      rssKb: Math.max(...runs.map((r) => r.rssKb)),
      bytes: await sizeOf(join(home, "pull.pack")),
      file: await sha256(await Deno.readFile(join(home, ".claude.json"))),
    };
  });
  const wall = performance.now() - t0;
  const hashes = new Set(perMachine.map((m) => m.file));
  const times = perMachine.map((m) => m.ms);
  const bytes = perMachine.reduce((n, m) => n + m.bytes, 0);

  console.log(`## Sharing through git: ${MACHINES} machines pulling one profile\n`);
  console.log(
    `Command: \`deno run --allow-read --allow-write --allow-env --allow-run --allow-net bench/share_sim.ts ` +
      `--machines ${MACHINES} --concurrency ${CONCURRENCY} --profiles ${PROFILES}\`. ${navigator.hardwareConcurrency} cores; ` +
      `${CONCURRENCY} machines at a time (each machine is 3 CLI processes run one after another).\n`,
  );
  console.log(`Load average at the end of the run: ${loadAverage()}.\n`);
  console.log("| figure | value |\n|---|---|");
  console.log(`| wall time, all machines | ${(wall / 1000).toFixed(1)} s |`);
  console.log(
    `| per machine (remote add + pull + deploy-config) p50 / p95 / max | ${ms(pct(times, 50))} / ${
      ms(pct(times, 95))
    } / ${ms(Math.max(...times))} |`,
  );
  const cpus = perMachine.map((m) => m.cpuMs);
  console.log(
    `| per machine, CPU time (user + sys, git included) p50 / p95 | ${ms(pct(cpus, 50))} / ${
      ms(pct(cpus, 95))
    } |`,
  );
  console.log(
    `| the pull alone: wall p50 / p95, CPU p50 | ${ms(pct(perMachine.map((m) => m.pullMs), 50))} / ${
      ms(pct(perMachine.map((m) => m.pullMs), 95))
    }, ${ms(pct(perMachine.map((m) => m.pullCpuMs), 50))} |`,
  );
  console.log(
    `| peak RSS of one CLI process (max over all) | ${
      (Math.max(...perMachine.map((m) => m.rssKb)) / 1024).toFixed(1)
    } MiB |`,
  );
  console.log(
    `| pack bytes received per machine / all machines (GIT_TRACE_PACKFILE) | ${kb(bytes / MACHINES)} / ${
      kb(bytes)
    } |`,
  );
  console.log(
    `| ~/.claude.json identical on every machine | ${
      hashes.size === 1
        ? `yes (${MACHINES} files, sha256 ${[...hashes][0].slice(0, 16)}…)`
        : `NO: ${hashes.size} variants`
    } |`,
  );
  if (hashes.size !== 1) throw new Error("client files differ");

  // Scale: P profiles in the repository, one changed.
  const big = join(served, "big.git");
  await Deno.mkdir(big);
  await git(big, ["init", "--quiet", "--bare"], envFor(base));
  const pub2 = join(base, "publisher2");
  await Deno.mkdir(pub2);
  const d2 = makeDeps({ env: envFor(pub2), os: "linux", clientFiles: allClientFiles });
  const key2 = await init(d2);
  for (let i = 0; i < PROFILES; i++) {
    await publish(d2, {
      client: "claude-code",
      profile: `p${i}`,
      changelog: `p${i}`,
      payload: { mcpServers: { [`s${i}`]: { command: "npx", args: ["-y", `server-${i}`] } } },
    });
  }
  await cli(pub2, ["remote", "add", "origin", big]);
  const pushAll = await cli(pub2, ["push", "--all"]);
  const reader = join(base, "reader");
  const rstate = join(reader, ".mcp-orchestration");
  await Deno.mkdir(reader);
  await init(makeDeps({ env: envFor(reader), os: "linux", clientFiles: allClientFiles }));
  await Deno.writeFile(
    join(rstate, "keys", "trusted", `${key2.key_id}.pub`),
    await Deno.readFile(join(pub2, ".mcp-orchestration", "keys", "signing.pub")),
  );
  await cli(reader, ["remote", "add", "origin", `git://127.0.0.1:${port}/big.git`]);
  const objects = join(rstate, "remotes", "origin", "repo.git", "objects");
  const full = await cli(reader, ["pull"], { GIT_TRACE_PACKFILE: join(reader, "full.pack") });
  const fullBytes = await sizeOf(join(reader, "full.pack"));
  const fullStored = await du(objects);
  await publish(d2, {
    client: "claude-code",
    profile: "p500",
    changelog: "one change",
    payload: { mcpServers: { s500: { command: "npx", args: ["-y", "server-500", "--changed"] } } },
  });
  const pushOne = await cli(pub2, ["push", "--client", "claude-code", "--profile", "p500"]);
  const one = await cli(reader, ["pull"], { GIT_TRACE_PACKFILE: join(reader, "one.pack") });
  const oneBytes = await sizeOf(join(reader, "one.pack"));
  const oneStored = (await du(objects)) - fullStored;
  console.log(`\n## ${PROFILES} profiles in the repository, one changed\n`);
  console.log(
    "| | push | pull: paths verified | pull: pack received | pull: objects stored | pull: wall (CPU) | pull: peak RSS |\n|---|---|---|---|---|---|---|",
  );
  console.log(
    `| all ${PROFILES} profiles (first pull) | ${pushAll.json.files_written} files, ${
      ms(pushAll.ms)
    } | ${full.json.changed_paths} | ${kb(fullBytes)} | ${kb(fullStored)} | ${ms(full.ms)} (${
      ms(full.cpuMs)
    }) | ${(full.rssKb / 1024).toFixed(1)} MiB |`,
  );
  console.log(
    `| one profile republished | ${pushOne.json.files_written} files, ${
      ms(pushOne.ms)
    } | ${one.json.changed_paths} | ${kb(oneBytes)} | ${kb(oneStored)} | ${ms(one.ms)} (${ms(one.cpuMs)}) | ${
      (one.rssKb / 1024).toFixed(1)
    } MiB |`,
  );
  if (one.json.profiles.length !== 1 || one.json.profiles[0].profile_id !== "p500") {
    throw new Error(`the second pull took ${JSON.stringify(one.json.profiles)}`);
  }
} finally {
  try {
    daemon.kill("SIGTERM");
  } catch { /* gone */ }
  await daemon.status;
  await Deno.remove(base, { recursive: true });
}
