/**
 * `doctor` over 10 servers beside the peers' own health checks, same file, same run: 10 working stdio
 * servers (the real memory, filesystem and everything servers, and two tests/fixtures/servers/ok.mjs)
 * written once into Claude Code's user file (`~/.claude.json`) and the same 10 into Gemini CLI's
 * (`~/.gemini/settings.json`, the home folder trusted), in a temp HOME. Times, median wall time from
 * spawn to exit, interleaved run by run: `doctor --client claude-code`, `claude mcp list`,
 * `doctor --client gemini-cli`, `gemini mcp list`; then each server alone (`doctor --server NAME`: its
 * `ready_ms`, start to the answer to initialize, and the run's wall time), so the report shows the
 * slowest single server and doctor's overhead over it. Every result is checked before timing (every
 * server ok in our JSON, ✔ in the peers' output) and the bench fails loudly otherwise.
 *
 * Our CLI runs as `deno run --quiet <RUN_FLAGS> main.ts` (the compiled binary's permission flags). The
 * peers are found as the e2e tests find them ($MCPO_REAL_CLIENTS), the servers as the doctor tests do
 * ($MCPO_REAL_SERVERS, default /tmp/mcpo-real-servers). Prints a Markdown report on stdout.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run bench/doctor.ts [--runs N]
 */
import { join } from "node:path";
import { runWithInput } from "../scripts/spawn.ts";
import { RUN_FLAGS } from "../scripts/permissions.ts";
import { realDenoDir } from "../scripts/deno_dir.ts";
import { findClientBinary } from "../tests/e2e/real_clients.ts";
import { REAL_SERVERS_BIN } from "../tests/doctor/helpers.ts";

const arg = (name: string) => (Deno.args.includes(name) ? Deno.args[Deno.args.indexOf(name) + 1] : undefined);
const RUNS = Number(arg("--runs")) || 5;
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const FIXTURES = new URL("../tests/fixtures/servers/", import.meta.url).pathname;
const DENO_DIR = await realDenoDir();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f0 = (x: number) => x.toFixed(0);

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

interface Tool {
  label: string;
  cmd: string;
  args: string[];
  env: Record<string, string>;
}

function ours(home: string, args: string[]): Tool {
  return {
    label: `doctor ${args.slice(1).join(" ")}`,
    cmd: Deno.execPath(),
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, ...args],
    env: { DENO_DIR, PATH: Deno.env.get("PATH") ?? "", HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
  };
}

function peer(binary: string, home: string, args: string[]): Tool {
  return {
    label: `${binary.split("/").pop()} ${args.join(" ")}`,
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

/** Runs `t` to completion in `t.env.HOME`: wall time (ms, spawn to exit), exit code, stdout and stderr. */
async function once(t: Tool) {
  const start = performance.now();
  const out = await runWithInput(t.cmd, { args: t.args, env: t.env, clearEnv: true, cwd: t.env.HOME });
  const ms = performance.now() - start;
  const dec = new TextDecoder();
  return { ms, code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

function fail(what: string, r: { code: number; stdout: string; stderr: string }): never {
  throw new Error(
    `${what} (exit ${r.code}):\n${r.stdout.slice(0, 3000)}\n${r.stderr.slice(0, 1500)}`,
  );
}

/** Our JSON report, checked: every expected server and every one ok (exit 0). */
async function checkedDoctor(t: Tool, names: string[]) {
  const r = await once(t);
  let report: { servers: { name: string; status: string; ready_ms: number | null }[] };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    fail(`\`${t.label}\` printed no JSON report`, r);
  }
  const ok = report.servers.filter((s) => s.status === "ok").map((s) => s.name).sort();
  if (r.code !== 0 || JSON.stringify(ok) !== JSON.stringify([...names].sort())) {
    fail(`\`${t.label}\` did not find every server ok (ok: ${ok.join(", ")})`, r);
  }
  return { ...r, report };
}

/** A peer's `mcp list`, checked: every server connected (`pattern` captures the name of a connected one). */
async function checkedPeer(t: Tool, names: string[], pattern: RegExp) {
  const r = await once(t);
  const connected = [...(r.stdout + r.stderr).matchAll(pattern)].map((m) => m[1]).sort();
  if (r.code !== 0 || JSON.stringify(connected) !== JSON.stringify([...names].sort())) {
    fail(`\`${t.label}\` did not report every server connected (connected: ${connected.join(", ")})`, r);
  }
  return r;
}

/** Starts every entry at once, sends `initialize` to each, and returns the ms until all have answered. */
async function allTogether(
  entries: Record<string, { command: string; args: string[]; env?: Record<string, string> }>,
  cwd: string,
): Promise<number> {
  const init = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } },
  }) + "\n";
  const t0 = performance.now();
  const procs = Object.values(entries).map((e) =>
    new Deno.Command(e.command, {
      args: e.args,
      cwd,
      env: { ...(e.env ?? {}), HOME: cwd },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn()
  );
  const answered = await Promise.all(procs.map(async (p) => {
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode(init));
    const reader = p.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    while (!/"id":1[,}]/.test(buf)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("a server ended before answering initialize");
      buf += value;
    }
    const at = performance.now();
    reader.releaseLock();
    await w.close();
    return at;
  }));
  const ms = Math.max(...answered) - t0;
  for (const p of procs) {
    try {
      p.kill("SIGKILL");
    } catch { /* already gone */ }
    await p.status;
    await p.stdout.cancel().catch(() => {});
  }
  return ms;
}

const lines: string[] = [];
const say = (s = "") => lines.push(s);
const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-bench-doctor-" }));

try {
  const server = (name: string) => {
    const path = join(REAL_SERVERS_BIN, name);
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch { /* below */ }
    throw new Error(`${name} is not installed under ${REAL_SERVERS_BIN} (set MCPO_REAL_SERVERS)`);
  };
  const memory = server("mcp-server-memory");
  const filesystem = server("mcp-server-filesystem");
  const everything = server("mcp-server-everything");
  // The 10 servers: the client-neutral part of each entry (command, args, env).
  const entries: Record<string, { command: string; args: string[]; env?: Record<string, string> }> = {};
  for (const i of [1, 2, 3]) {
    entries[`memory-${i}`] = {
      command: memory,
      args: [],
      env: { MEMORY_FILE_PATH: join(home, `m${i}.jsonl`) },
    };
    const dir = join(home, `files-${i}`);
    await Deno.mkdir(dir);
    entries[`filesystem-${i}`] = { command: filesystem, args: [dir] };
  }
  for (const i of [1, 2]) entries[`everything-${i}`] = { command: everything, args: ["stdio"] };
  for (const i of [1, 2]) entries[`fixture-${i}`] = { command: "node", args: [join(FIXTURES, "ok.mjs")] };
  const names = Object.keys(entries);
  await Deno.writeTextFile(
    join(home, ".claude.json"),
    JSON.stringify(
      {
        mcpServers: Object.fromEntries(Object.entries(entries).map(([n, e]) => [n, { type: "stdio", ...e }])),
      },
      null,
      2,
    ),
  );
  await Deno.mkdir(join(home, ".gemini"));
  await Deno.writeTextFile(
    join(home, ".gemini", "settings.json"),
    JSON.stringify({ mcpServers: entries }, null, 2),
  );
  // Gemini CLI starts no stdio server of an untrusted folder: trust the home it runs in.
  await Deno.writeTextFile(
    join(home, ".gemini", "trustedFolders.json"),
    JSON.stringify({ [home]: "TRUST_FOLDER" }),
  );

  const claude = findClientBinary("claude");
  const gemini = findClientBinary("gemini");
  const doctorFor = (client: string) => ours(home, ["doctor", "--client", client, "--format", "json"]);
  // [label, tool, check]; the checked run is also the warm-up (first starts fill the OS's caches).
  const commands: [string, Tool | null, (t: Tool) => Promise<unknown>][] = [
    ["`doctor --client claude-code`", doctorFor("claude-code"), (t) => checkedDoctor(t, names)],
    [
      "`claude mcp list`",
      claude ? peer(claude, home, ["mcp", "list"]) : null,
      (t) => checkedPeer(t, names, /^(\S+): .* - ✔ Connected\s*$/gm),
    ],
    ["`doctor --client gemini-cli`", doctorFor("gemini-cli"), (t) => checkedDoctor(t, names)],
    [
      "`gemini mcp list`",
      gemini ? peer(gemini, home, ["mcp", "list"]) : null,
      (t) => checkedPeer(t, names, /^✓ (\S+): .* - Connected\s*$/gm),
    ],
  ];
  for (const [, t, check] of commands) if (t) await check(t);

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
    `Servers: ${names.length} stdio servers, all checked working first (every one ok in our JSON, ✔ in the peers' output): ${
      names.join(", ")
    }.`,
  );
  say(
    `Runs: ${RUNS} of each command, interleaved run by run, after the checked run; wall time from spawn to exit; medians.`,
  );
  say();

  // 1. The four commands over the 10 servers, interleaved run by run.
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, t]] of commands.entries()) {
      if (!t) continue;
      const r = await once(t);
      if (r.code !== 0) fail(`\`${t.label}\` failed during the timed runs`, r);
      times[k].push(r.ms);
    }
  }

  // 2. Each server alone: doctor's ready_ms (start to the answer to initialize) and the run's wall time.
  const alone: { name: string; ready: number; wall: number }[] = [];
  for (const name of names) {
    const ready: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await checkedDoctor(
        ours(home, ["doctor", "--client", "claude-code", "--server", name, "--format", "json"]),
        [name],
      );
      ready.push(r.report.servers[0].ready_ms!);
      wall.push(r.ms);
    }
    alone.push({ name, ready: median(ready), wall: median(wall) });
  }
  // 3. The ten started together by a bare harness (no doctor): spawn each as the file says, send
  // `initialize`, and wait until every one has answered: the servers' own start when they share the
  // machine's cores, the floor any tool starting them at once meets. Then our CLI's own start alone.
  const together: number[] = [];
  const started: number[] = [];
  for (let i = 0; i < RUNS; i++) together.push(await allTogether(entries, home));
  for (let i = 0; i < RUNS; i++) started.push((await once(ours(home, ["--version"]))).ms);
  const slowest = alone.reduce((a, b) => (b.ready > a.ready ? b : a));
  const slowestWall = alone.reduce((a, b) => (b.wall > a.wall ? b : a));

  say("### 10 servers (median ms)");
  say();
  say("| command | median | min | max | over the slowest single server's start |");
  say("|---|---:|---:|---:|---:|");
  for (const [k, [label, t]] of commands.entries()) {
    if (!t) {
      say(`| ${label} | not installed | | | |`);
      continue;
    }
    const m = median(times[k]);
    say(
      `| ${label} | ${f0(m)} | ${f0(Math.min(...times[k]))} | ${f0(Math.max(...times[k]))} | +${
        f0(m - slowest.ready)
      } |`,
    );
  }
  say();
  say("### Each server alone (`doctor --client claude-code --server NAME`, median ms)");
  say();
  say("| server | ready_ms (start to initialize answered) | one-server doctor, spawn to exit |");
  say("|---|---:|---:|");
  for (const a of alone) say(`| ${a.name} | ${f0(a.ready)} | ${f0(a.wall)} |`);
  say();
  const ourMedians = [0, 2].map((k) => median(times[k]));
  const worst = Math.max(...ourMedians);
  say(
    `Slowest single server: ${slowest.name}, ready in ${f0(slowest.ready)} ms (its one-server doctor run: ${
      f0(slowest.wall)
    } ms; the slowest one-server run: ${slowestWall.name}, ${f0(slowestWall.wall)} ms).`,
  );
  say(
    `Goal: doctor over 10 servers takes about the slowest server's start plus <= 100 ms: ${
      ourMedians.map(f0).join(" and ")
    } ms vs ${f0(slowest.ready)} + 100: ${worst - slowest.ready <= 100 ? "met" : "MISSED"} (+${
      f0(worst - slowest.ready)
    } ms; over the slowest one-server doctor run: +${f0(worst - slowestWall.wall)} ms).`,
  );
  const floor = median(together);
  say(
    `The ten started together by a bare harness (spawn, \`initialize\`, every answer in; no doctor): median ${
      f0(floor)
    } ms (min ${f0(Math.min(...together))}, max ${f0(Math.max(...together))}); our CLI's own start ` +
      `(\`--version\`): ${f0(median(started))} ms. Doctor over the ten minus the harness: ${
        ourMedians.map((m) => `+${f0(m - floor)}`).join(" and ")
      } ms, of which ~${f0(median(started))} ms is the CLI's start.`,
  );
  say();
  say(`Load average at the end: ${loadAverage()}.`);
} finally {
  console.log(lines.join("\n"));
  await Deno.remove(home, { recursive: true }).catch(() => {});
}
