/**
 * CLI speed and memory, side by side with the peers: our `deploy-config` of a one-server change
 * against `claude mcp add-json`, `codex mcp add` and `gemini mcp add` (the real CLIs, found as the e2e
 * tests find them), each adding one server to that client's user config in a sandboxed HOME; then
 * `list-clients`, a 500-server deploy, `status` and `history` over 5,000 artifacts, and the peak memory
 * of every command. Our CLI runs as `deno run --quiet <RUN_FLAGS> main.ts` (the compiled binary's
 * permission flags, scripts/permissions.ts). Prints a Markdown report on stdout.
 *
 * The 500-server deploy runs into a file of each format: JSON (cursor), JSONC (vscode), TOML (codex),
 * YAML map (goose) and YAML list (continue). `--baseline DIR` runs those and the one-server codex deploy
 * with another checkout's `main.ts` too (e.g. `git archive <commit> | tar -x -C DIR`), interleaved run by
 * run with ours, and reports both. `--only deploys` skips start-up, status/history and the memory table.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run bench/peers.ts [--runs N]
 *     [--baseline DIR] [--only deploys]
 */
import { runWithInput } from "../scripts/spawn.ts";
import { join } from "node:path";
import { RUN_FLAGS } from "../scripts/permissions.ts";
import { realDenoDir } from "../scripts/deno_dir.ts";
import { makeDeps } from "../src/platform/make_deps.ts";
import { allClientFiles } from "../src/clients/allowed_files.ts";
import type { Deps } from "../src/platform/deps.ts";
import { init } from "../src/ops/init.ts";
import { publish } from "../src/deploy/publish.ts";
import { deploy } from "../src/ops/deploy.ts";
import { status } from "../src/ops/status.ts";
import { history } from "../src/ops/history.ts";
import { base64, generateKeyPair, sign } from "../src/core/signing.ts";
import { findClientBinary } from "../tests/e2e/real_clients.ts";

const arg = (name: string) => (Deno.args.includes(name) ? Deno.args[Deno.args.indexOf(name) + 1] : undefined);
const RUNS = Number(arg("--runs")) || 30;
const PEER_RUNS = Math.max(5, Math.round(RUNS / 3));
const MAIN = new URL("../main.ts", import.meta.url).pathname;
/** Another checkout's main.ts, measured beside ours (`--baseline DIR`). */
const BASELINE = arg("--baseline") ? join(await Deno.realPath(arg("--baseline")!), "main.ts") : undefined;
const ONLY_DEPLOYS = arg("--only") === "deploys";
const DENO_DIR = await realDenoDir();
const TIME = ["/usr/bin/time", "/bin/time"].find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});

/** 1, 5 and 15 minute load averages (other work on the machine inflates every figure). */
function loadAverage(): string {
  try {
    // Through cat: Deno reads /proc only with --allow-all.
    const out = new Deno.Command("cat", { args: ["/proc/loadavg"], stdout: "piped" }).outputSync();
    const [a, b, c] = new TextDecoder().decode(out.stdout).split(" ");
    return `${a} / ${b} / ${c} (1 / 5 / 15 min)`;
  } catch {
    return "unknown";
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f1 = (x: number) => x.toFixed(1);

interface Tool {
  cmd: string;
  args: string[];
  env: Record<string, string>;
}

/** The baseline's own copy of each home (`twin`): the two versions keep different deployment logs (ours
 * signs its log; an older checkout appends unsigned lines, which ours then refuses), so they never share one. */
const twins = new Map<string, string>();

/** Copies `home` (taken right after publishing, before any deploy) for the baseline checkout. */
async function twin(home: string): Promise<void> {
  if (!BASELINE) return;
  const copy = `${home}-baseline`;
  const cp = await new Deno.Command("cp", { args: ["-a", home, copy] }).output();
  if (!cp.success) throw new Error(`cp -a ${home} ${copy} failed`);
  twins.set(home, copy);
  homes.push(copy);
}

function ours(home: string, args: string[], main = MAIN): Tool {
  if (main !== MAIN) home = twins.get(home) ?? home;
  return {
    cmd: Deno.execPath(),
    args: ["run", "--quiet", ...RUN_FLAGS, main, ...args],
    env: { DENO_DIR, PATH: Deno.env.get("PATH") ?? "", HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
  };
}

function peer(binary: string, home: string, args: string[]): Tool {
  return {
    cmd: binary,
    args,
    env: {
      HOME: home,
      USERPROFILE: home,
      CODEX_HOME: join(home, ".codex"),
      PATH: `${binary.replace(/\/[^/]+$/, "")}:${Deno.env.get("PATH") ?? ""}`,
      // No update checks or telemetry during the bench (only ever makes the peer faster).
      DISABLE_AUTOUPDATER: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    },
  };
}

/** Runs `t` to completion; returns the wall time in ms (spawn to exit). Fails on a non-zero exit. */
async function once(t: Tool, stdin?: string): Promise<number> {
  const start = performance.now();
  const out = await runWithInput(t.cmd, { args: t.args, env: t.env, clearEnv: true, cwd: t.env.HOME }, stdin);
  const ms = performance.now() - start;
  if (!out.success) {
    throw new Error(
      `${t.cmd} ${t.args.slice(-6).join(" ")} exited ${out.code}: ${
        new TextDecoder().decode(out.stderr).slice(0, 500)
      }`,
    );
  }
  return ms;
}

/** `runs` timed runs of `make(i)` after `warm` untimed ones; `between(i)` runs untimed before each. */
async function timeRuns(
  make: (i: number) => Tool,
  runs: number,
  warm = 2,
  between?: (i: number) => Promise<unknown>,
) {
  for (let i = 0; i < warm; i++) {
    await between?.(-1 - i);
    await once(make(-1 - i));
  }
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await between?.(i);
    xs.push(await once(make(i)));
  }
  return xs;
}

/** `runs` timed runs of each main.ts in `mains`, alternating run by run (`between` untimed before each),
 * after one untimed run of each: one list of wall times per main. */
async function timeInterleaved(
  mains: string[],
  make: (main: string, i: number) => Tool,
  runs: number,
  between?: (main: string) => Promise<unknown>,
): Promise<number[][]> {
  const out = mains.map(() => [] as number[]);
  for (let i = -1; i < runs; i++) {
    for (const [k, main] of mains.entries()) {
      await between?.(main);
      const ms = await once(make(main, i));
      if (i >= 0) out[k].push(ms);
    }
  }
  return out;
}

/** Peak resident memory in MiB (max of 3 runs, `setup` untimed before each), through `time -f %M`;
 * null when `time` is missing. */
async function peakMiB(t: Tool | (() => Tool), stdin?: string, setup?: Tool): Promise<number | null> {
  if (!TIME) return null;
  const out = await Deno.makeTempFile();
  let max = 0;
  for (let i = 0; i < 3; i++) {
    if (setup) await once(setup);
    const run = typeof t === "function" ? t() : t;
    await once({ cmd: TIME, args: ["-f", "%M", "-o", out, run.cmd, ...run.args], env: run.env }, stdin);
    max = Math.max(max, Number((await Deno.readTextFile(out)).trim().split("\n").pop()) / 1024);
  }
  await Deno.remove(out);
  return max;
}

function depsFor(home: string): Deps {
  return makeDeps({
    env: { HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
    os: "linux",
    clientFiles: allClientFiles,
  });
}

/** Wall times of `fn` in this process, after 3 untimed calls. */
async function inProcess(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs;
}

const server = (i: number | string) => ({ command: "npx", args: ["-y", `@example/mcp-server-${i}`] });
const lines: string[] = [];
const say = (s = "") => lines.push(s);
const homes: string[] = [];
const newHome = async (tag: string) => {
  const h = await Deno.realPath(await Deno.makeTempDir({ prefix: `mcpo-peers-${tag}-` }));
  homes.push(h);
  return h;
};

try {
  const cpuinfo = await new Deno.Command("cat", { args: ["/proc/cpuinfo"], stdout: "piped", stderr: "null" })
    .output().then((o) => new TextDecoder().decode(o.stdout)).catch(() => "");
  const cpu = cpuinfo.match(/model name\s*:\s*(.*)/)?.[1] ?? "";
  say(
    `Machine: ${Deno.build.os} ${Deno.build.arch}, ${navigator.hardwareConcurrency} CPUs${
      cpu ? ` (${cpu})` : ""
    }, Deno ${Deno.version.deno}.`,
  );
  say(`Load average at the start: ${loadAverage()}.`);
  say(
    `Ours: \`deno run --quiet ${
      RUN_FLAGS.map((f) => f.replace(/=.*/, "=…")).join(" ")
    } main.ts …\` (the compiled binary's flags).`,
  );
  say(
    `Runs: ${RUNS} per command of ours, ${PEER_RUNS} per peer command, after 2 warm-up runs; wall time from spawn to exit.`,
  );
  say();

  // 1. One server added to a client's user config: ours vs each peer.
  const home = await newHome("deploy");
  const deps = depsFor(home);
  await init(deps);
  // Two versions published for each client's "bench" profile; each run deploys the other one, so every
  // run adds or removes one server (and each is a real write, backed up and logged).
  const versions: Record<string, [string, string]> = {};
  for (const client of ["claude-code", "codex", "gemini-cli"]) {
    const a = await publish(deps, {
      client,
      profile: "bench",
      payload: { mcpServers: { base: server("base") } },
    });
    const b = await publish(deps, {
      client,
      profile: "bench",
      payload: { mcpServers: { base: server("base"), extra: server("extra") } },
    });
    versions[client] = [a.artifact_id, b.artifact_id];
  }
  await twin(home);
  const deployArgs = (client: string, i: number) => [
    "deploy-config",
    "--client",
    client,
    "--profile",
    "bench",
    "--artifact-id",
    versions[client][i % 2 ? 0 : 1],
  ];
  const peers: [string, string, string, (bin: string, i: number) => string[]][] = [
    [
      "claude-code",
      "claude",
      "claude mcp add-json -s user",
      (_b, i) => ["mcp", "add-json", "-s", "user", `srv${i + 10}`, JSON.stringify(server(i))],
    ],
    [
      "codex",
      "codex",
      "codex mcp add",
      (_b, i) => ["mcp", "add", `srv${i + 10}`, "--", "npx", "-y", `@example/mcp-server-${i}`],
    ],
    [
      "gemini-cli",
      "gemini",
      "gemini mcp add -s user",
      (_b, i) => ["mcp", "add", "-s", "user", `srv${i + 10}`, "npx", "-y", `@example/mcp-server-${i}`],
    ],
  ];
  const rows: string[][] = [];
  const deployMedians: Record<string, number> = {};
  const peerMedians: Record<string, number> = {};
  let codexBaseline: number | undefined;
  for (const [client, name, label, args] of peers) {
    if (ONLY_DEPLOYS && client !== "codex") continue;
    let oursMs: number;
    if (BASELINE && client === "codex") {
      // Interleaved run by run with the baseline checkout (same home, same two versions).
      const [a, b] = await timeInterleaved(
        [MAIN, BASELINE],
        (main, i) => ours(home, deployArgs(client, i), main),
        RUNS,
      );
      oursMs = median(a);
      codexBaseline = median(b);
    } else oursMs = median(await timeRuns((i) => ours(home, deployArgs(client, i)), RUNS));
    deployMedians[client] = oursMs;
    const bin = findClientBinary(name);
    if (!bin) {
      rows.push([client, f1(oursMs), label, "not installed", "-"]);
      continue;
    }
    await Deno.mkdir(join(home, ".codex"), { recursive: true });
    const peerMs = median(await timeRuns((i) => peer(bin, home, args(bin, i)), PEER_RUNS));
    peerMedians[name] = peerMs;
    rows.push([client, f1(oursMs), label, f1(peerMs), `${(peerMs / oursMs).toFixed(1)}x`]);
  }
  say("### One server added to the user config (median ms)");
  say();
  say("| client | our `deploy-config` | peer command | peer | peer / ours |");
  say("|---|---:|---|---:|---:|");
  for (const r of rows) say(`| ${r.join(" | ")} |`);
  say();
  const codexOurs = deployMedians["codex"], claudeOurs = deployMedians["claude-code"];
  if (peerMedians.codex) {
    say(
      `Goal: at most as slow as \`codex mcp add\`: ${f1(codexOurs)} vs ${f1(peerMedians.codex)} ms: ${
        codexOurs <= peerMedians.codex ? "met" : "MISSED"
      }.`,
    );
  }
  if (codexBaseline !== undefined) {
    say(
      `Baseline (\`${BASELINE}\`), interleaved with ours: the codex deploy ${f1(codexBaseline)} ms (ours ${
        f1(codexOurs)
      }).`,
    );
  }
  if (peerMedians.claude) {
    const r = peerMedians.claude / claudeOurs;
    say(
      `Goal: at least 5x faster than \`claude mcp add-json\`: ${r.toFixed(1)}x: ${
        r >= 5 ? "met" : "MISSED"
      }.`,
    );
  }
  say();

  // 2. list-clients.
  if (!ONLY_DEPLOYS) {
    const lc = median(await timeRuns(() => ours(home, ["list-clients"]), RUNS));
    const version = median(await timeRuns(() => ours(home, ["--version"]), RUNS));
    const empty = await Deno.makeTempFile({ suffix: ".ts" });
    await Deno.writeTextFile(empty, "");
    const floor = median(
      await timeRuns(
        () => ({ cmd: Deno.execPath(), args: ["run", "--quiet", empty], env: ours(home, []).env }),
        RUNS,
      ),
    );
    await Deno.remove(empty);
    say("### Start-up");
    say();
    say(`| command | median ms | goal |`);
    say("|---|---:|---|");
    say(`| \`list-clients\` | ${f1(lc)} | < 60: ${lc < 60 ? "met" : "MISSED"} |`);
    say(`| \`--version\` | ${f1(version)} | |`);
    say(`| \`deno run\` of an empty file (the runtime's floor) | ${f1(floor)} | |`);
    say();
  }

  // 3. A 500-server profile deployed into a file of each format holding one server (each run after an
  // untimed deploy of 1 server, so every timed run adds 500 entries and removes one).
  const big: Record<string, unknown> = {};
  for (let i = 0; i < 500; i++) big[`srv${String(i).padStart(3, "0")}`] = server(i);
  const FORMATS: [client: string, format: string][] = [
    ["cursor", "JSON"],
    ["vscode", "JSONC"],
    ["codex", "TOML"],
    ["goose", "YAML map"],
    ["continue", "YAML list"],
  ];
  const bigIds: Record<string, { big: string; small: string }> = {};
  const bigHome = await newHome("big");
  const bigDeps = depsFor(bigHome);
  await init(bigDeps);
  for (const [client] of FORMATS) {
    const b = await publish(bigDeps, { client, profile: "big", payload: { mcpServers: big } });
    const sm = await publish(bigDeps, {
      client,
      profile: "small",
      payload: { mcpServers: { one: server("one") } },
    });
    bigIds[client] = { big: b.artifact_id, small: sm.artifact_id };
  }
  await twin(bigHome);
  const toClient = (client: string, id: string) => ["deploy-config", "--client", client, "--artifact-id", id];
  const bigRows: string[] = [];
  for (const [client, format] of FORMATS) {
    const { big: bigId, small } = bigIds[client];
    const mains = BASELINE ? [MAIN, BASELINE] : [MAIN];
    const times = await timeInterleaved(
      mains,
      (main) => ours(bigHome, toClient(client, bigId), main),
      Math.min(RUNS, 15),
      (main) => once(ours(bigHome, toClient(client, small), main)),
    );
    const mem: (number | null)[] = [];
    for (const main of mains) {
      mem.push(
        await peakMiB(
          ours(bigHome, toClient(client, bigId), main),
          undefined,
          ours(bigHome, toClient(client, small), main),
        ),
      );
    }
    const ms = times.map(median);
    const cells = ms.map((m, i) => `${f1(m)} | ${mem[i] === null ? "-" : f1(mem[i]!)}`);
    const goal = ms[0] <= 100 && (mem[0] === null || mem[0] <= 64) ? "met" : "MISSED";
    bigRows.push(`| ${format} (${client}) | ${cells.join(" | ")} | ${goal} |`);
  }
  const bigOps: number[] = [];
  for (let i = 0; i < 12; i++) {
    await deploy(bigDeps, { client: "cursor", artifactId: bigIds.cursor.small });
    const t = performance.now();
    await deploy(bigDeps, { client: "cursor", artifactId: bigIds.cursor.big });
    if (i >= 2) {
      bigOps.push(performance.now() - t);
    }
  }
  const bigOp = median(bigOps);
  say("### 500-server deploy into a file of each format (CLI, spawn to exit: median ms; peak MiB of 3 runs)");
  say();
  say(
    BASELINE
      ? "| format (client) | ms | MiB | baseline ms | baseline MiB | goal <= 100 ms, <= 64 MiB |"
      : "| format (client) | ms | MiB | goal <= 100 ms, <= 64 MiB |",
  );
  say(BASELINE ? "|---|---:|---:|---:|---:|---|" : "|---|---:|---:|---|");
  for (const r of bigRows) say(r);
  say();
  say(`The JSON deploy in process (the op alone, no process start): ${f1(bigOp)} ms.`);
  say();
  if (!ONLY_DEPLOYS) {
    // 4. status and history with 5,000 artifacts in the store.
    const store = await newHome("store");
    const sdeps = depsFor(store);
    await init(sdeps);
    const clients = ["claude-desktop", "cursor", "windsurf", "vscode", "gemini-cli"];
    const t0 = performance.now();
    const latest: Record<string, string[]> = {};
    await Promise.all(clients.map(async (client) => {
      for (let p = 0; p < 20; p++) {
        for (let v = 0; v < 50; v++) {
          const mcpServers: Record<string, unknown> = {};
          for (let s = 0; s < 3; s++) {
            mcpServers[`srv${s}`] = server(`${client}-${p}-${v}-${s}`);
          }
          const r = await publish(sdeps, {
            client,
            profile: `p${p}`,
            payload: { mcpServers },
            changelog: `v${v}`,
          });
          if (v >= 48) (latest[`${client}/p${p}`] ??= []).push(r.artifact_id);
        }
      }
    }));
    let deployments = 0;
    for (const client of clients) {
      for (let i = 0; i < 40; i++) {
        const ids = latest[`${client}/p${i % 4}`];
        await deploy(sdeps, { client, profile: `p${i % 4}`, artifactId: ids[i % 2] });
        deployments++;
      }
    }
    const artifacts = [...Deno.readDirSync(join(store, ".mcp-orchestration", "artifacts"))].length;
    console.error(
      `store: ${artifacts} artifacts, ${deployments} deployments, built in ${
        f1((performance.now() - t0) / 1000)
      } s`,
    );
    const st = median(await timeRuns(() => ours(store, ["status"]), RUNS));
    const hi = median(await timeRuns(() => ours(store, ["history", "--client", "claude-desktop"]), RUNS));
    const stOp = median(await inProcess(() => status(depsFor(store), {}), RUNS));
    const hiOp = median(await inProcess(() => history(depsFor(store), { client: "claude-desktop" }), RUNS));
    // The op once in a fresh process (cold: nothing verified or compiled yet), as the CLI runs it.
    const cold = async (code: string) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["eval", code],
        env: { ...ours(store, []).env },
        clearEnv: true,
        stdout: "piped",
      }).output();
      return Number(new TextDecoder().decode(out.stdout).trim());
    };
    const opCold = (mod: string, call: string) =>
      `import { makeDeps } from "${new URL("../src/platform/make_deps.ts", import.meta.url).href}";` +
      `import { allClientFiles } from "${
        new URL("../src/clients/allowed_files.ts", import.meta.url).href
      }";` +
      `const m = await import("${new URL(`../src/ops/${mod}.ts`, import.meta.url).href}");` +
      `const deps = makeDeps({ env: { HOME: ${
        JSON.stringify(store)
      } }, os: "linux", clientFiles: allClientFiles });` +
      `const t = performance.now(); await m.${call}; console.log(performance.now() - t);`;
    const coldRuns = async (mod: string, call: string) => {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) xs.push(await cold(opCold(mod, call)));
      return median(xs);
    };
    const stCold = await coldRuns("status", "status(deps, {})");
    const hiCold = await coldRuns("history", `history(deps, { client: "claude-desktop" })`);
    say(
      `### ${
        artifacts.toLocaleString("en-US")
      } artifacts (${clients.length} clients x 20 profiles x 50 versions), ${deployments} deployments`,
    );
    say();
    say(
      "| command | CLI, spawn to exit | op, first call in a fresh process | op, warm in process | goal < 20 |",
    );
    say("|---|---:|---:|---:|---|");
    const verdict = (x: number) => (x < 20 ? "met" : "MISSED");
    say(
      `| \`status\` | ${f1(st)} | ${f1(stCold)} | ${f1(stOp)} | CLI ${verdict(st)}, cold op ${
        verdict(stCold)
      }, warm op ${verdict(stOp)} |`,
    );
    say(
      `| \`history --client claude-desktop\` | ${f1(hi)} | ${f1(hiCold)} | ${f1(hiOp)} | CLI ${
        verdict(hi)
      }, cold op ${verdict(hiCold)}, warm op ${verdict(hiOp)} |`,
    );
    say();

    // 5. Peak memory of every command (in the 5,000-artifact home; deploys in the first one).
    const sh = (args: string[]) => ours(store, args);
    const file = join(store, "payload.json");
    await Deno.writeTextFile(file, JSON.stringify({ mcpServers: { time: server("time") } }));
    const serverJson = join(store, "server.json");
    await Deno.writeTextFile(
      serverJson,
      JSON.stringify({
        name: "io.example/hello",
        description: "Hello",
        version: "1.0.0",
        packages: [{ registryType: "npm", identifier: "@example/hello", transport: { type: "stdio" } }],
      }),
    );
    // A release folder whose "binary" is the deno executable (~100 MB): verify-release streams it.
    const rel = join(store, "release");
    await Deno.mkdir(rel);
    const relBin = join(rel, "mcp-orchestration-x86_64-unknown-linux-gnu");
    await Deno.copyFile(Deno.execPath(), relBin);
    const pair = await generateKeyPair();
    const { sha256File } = await import("../src/platform/file_digest.ts");
    const sums = new TextEncoder().encode(
      `${await sha256File(relBin)}  mcp-orchestration-x86_64-unknown-linux-gnu\n`,
    );
    await Deno.writeFile(join(rel, "SHA256SUMS"), sums);
    await Deno.writeFile(join(rel, "SHA256SUMS.sig"), base64.decode(await sign(pair.privatePem, sums)));
    await Deno.writeTextFile(join(rel, "release.pub"), pair.publicPem);
    const initHome = await newHome("init");
    const commands: [string, Tool, string?, Tool?][] = [
      ["--version", sh(["--version"])],
      ["--help", sh(["--help"])],
      ["init", ours(initHome, ["init"])],
      ["list-clients", sh(["list-clients"])],
      ["list-profiles", sh(["list-profiles", "claude-desktop"])],
      ["list-servers", sh(["list-servers"])],
      ["describe-server", sh(["describe-server", "github"])],
      ["registry import", sh(["registry", "import", serverJson])],
      ["check-install", sh(["check-install", "filesystem"])],
      ["install-server", sh(["install-server", "filesystem"])],
      ["add-server", sh(["add-server", "memory", "--replace"])],
      ["view-draft", sh(["view-draft"])],
      ["validate-config", sh(["validate-config"])],
      ["diff-config", sh(["diff-config", "claude-desktop"])],
      ["import-config", sh(["import-config", "--client", "cursor", "--profile", "imported", "--replace"])],
      [
        "publish-config --file",
        sh(["publish-config", "--client", "cursor", "--profile", "mem", "--file", file]),
      ],
      ["get-config", sh(["get-config", "claude-desktop", "p3"])],
      ["verify", sh(["verify", "--client", "claude-desktop", "--profile", "p3"])],
      ["deploy-config (500 servers)", ours(home, toClient("cursor", bigIds.cursor.big))],
      ["status (5,000 artifacts)", sh(["status"])],
      ["history", sh(["history", "--client", "claude-desktop"])],
      ["rollback --dry-run", sh(["rollback", "--client", "claude-desktop", "--dry-run"])],
      ["connect", sh(["connect", "cursor", "--config-path", join(store, "connect.json")])],
      [
        "remove-server",
        sh(["remove-server", "memory"]),
        undefined,
        sh(["add-server", "memory", "--replace"]),
      ],
      ["clear-draft", sh(["clear-draft", "--profile", "nothing"])],
      ["completions bash", sh(["completions", "bash"])],
      ["verify-release (100 MB file)", sh(["verify-release", relBin, "--key", join(rel, "release.pub")])],
      [
        "serve (initialize, then end of input)",
        sh(["serve"]),
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-06-18",
            capabilities: {},
            clientInfo: { name: "bench", version: "0" },
          },
        }) + "\n",
      ],
    ];
    say("### Peak memory (max RSS of 3 runs, MiB; goal < 64 for every command)");
    say();
    if (!TIME) say("(`/usr/bin/time` is not installed here: `apt-get install time`; no memory figures.)");
    else {
      say("| command | peak MiB | |");
      say("|---|---:|---|");
      let worst = 0;
      for (const [label, t, stdin, setup] of commands) {
        const mib = (await peakMiB(t, stdin, setup))!;
        worst = Math.max(worst, mib);
        say(`| \`${label}\` | ${f1(mib)} | ${mib < 64 ? "" : "MISSED"} |`);
      }
      for (const [, name, label, args] of peers) {
        const bin = findClientBinary(name);
        let n = 1000;
        if (bin) {
          say(`| peer: \`${label}\` | ${f1((await peakMiB(() => peer(bin, home, args(bin, n++))))!)} | |`);
        }
      }
      say();
      say(`Largest of ours: ${f1(worst)} MiB: ${worst < 64 ? "met" : "MISSED"}.`);
    }
    say();
  }
  say(`Load average at the end: ${loadAverage()}.`);
} finally {
  console.log(lines.join("\n"));
  for (const h of homes) await Deno.remove(h, { recursive: true }).catch(() => {});
}
