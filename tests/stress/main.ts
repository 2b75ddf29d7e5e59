/**
 * `deno task stress`: the long harnesses, with the figures RELIABILITY.md reports.
 *
 *   deno task stress                         # 500 SIGKILLs per command, 8 processes x 50 operations
 *   deno task stress --kills 50 --ops 10     # a quicker pass
 *   deno task stress --only crash --seed 42  # reproduce one run
 *
 *   deno task stress --only faults           # the in-process fault sweeps, with their counts
 *
 * Options: --kills N (per command, default 500), --processes P (8), --ops M (50 per process), --mcp C
 * (MCP calls during the concurrency run, 100), --seed S (default: MCPO_SEED, else the clock; a failure
 * names its seed), --only crash|concurrency|faults, --commands a,b.
 */
import { parseArgs } from "node:util";
import { type CrashCommand, type CrashFigures, crashHarness } from "./crash.ts";
import { concurrencyHarness } from "./concurrency.ts";
import { deployFaultSweep } from "../reliability/deploy_faults_test.ts";
import { crashSweep } from "../reliability/crash_inprocess_test.ts";
import { addServerSweep, publishSweep } from "../reliability/store_faults_test.ts";

const { values: a } = parseArgs({
  args: Deno.args,
  options: {
    kills: { type: "string", default: "500" },
    processes: { type: "string", default: "8" },
    ops: { type: "string", default: "50" },
    mcp: { type: "string", default: "100" },
    seed: { type: "string" },
    only: { type: "string" },
    commands: { type: "string", default: "deploy-config,rollback,publish-config,add-server" },
  },
});
const log = (s: string) => console.error(`[stress] ${s}`);
const seed = a.seed === undefined ? undefined : Number(a.seed);
const t0 = performance.now();

if (a.only === undefined || a.only === "faults") {
  console.log("\n## Fault injection (in process: the k-th file-system call fails, for every k)\n");
  console.log(
    "| operation | EIO | ENOSPC | EACCES | crash (every call from k on fails) |\n|---|---|---|---|---|",
  );
  const codes = ["EIO", "ENOSPC", "EACCES"] as const;
  const [calls, landed] = await crashSweep("deploy");
  const deployRow = [
    ...await Promise.all(codes.map((c) => deployFaultSweep(c))),
    `${calls} (${landed} after the rename)`,
  ];
  console.log(`| deploy-config | ${deployRow.join(" | ")} |`);
  for (const [name, sweep] of [["publish-config", publishSweep], ["add-server", addServerSweep]] as const) {
    const row = [];
    for (const m of [...codes, "crash" as const]) row.push(await sweep(m));
    console.log(`| ${name} | ${row.join(" | ")} |`);
  }
  for (const op of ["rollback", "restore"] as const) {
    const [calls, landed] = await crashSweep(op);
    console.log(`| ${op} | - | - | - | ${calls} (${landed} after the rename) |`);
  }
  console.log(
    "\n(each cell: the number of file-system calls the operation made, each of which was made to fail once)",
  );
}

if (a.only === undefined || a.only === "crash") {
  const rows: CrashFigures[] = [];
  for (const c of a.commands!.split(",") as CrashCommand[]) {
    rows.push(await crashHarness(c, { kills: Number(a.kills), seed, log }));
    log(JSON.stringify(rows.at(-1)));
  }
  console.log("\n## Crash consistency (SIGKILL at random moments)\n");
  console.log(
    "| command | kills | new version | old version | died mid-write | uncut runs first | recoveries | verify --all passed | seed | seconds |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.command} | ${r.kills} | ${r.landedNew} | ${r.stayedOld} | ${r.midWrite} | ${r.finishedFirst} | ${r.recoveries} | ${r.verified} | ${r.seed} | ${r.seconds} |`,
    );
  }
}

if (a.only === undefined || a.only === "concurrency") {
  const f = await concurrencyHarness({
    processes: Number(a.processes),
    opsEach: Number(a.ops),
    mcpCalls: Number(a.mcp),
    seed,
    log,
  });
  console.log("\n## Concurrency (one state folder, one client file, MCP server at the same time)\n");
  console.log(
    `${f.processes} processes x ${f.opsEach} commands, ${f.mcpCalls} MCP calls, seed ${f.seed}, ${f.seconds} s`,
  );
  console.log("\n| operation | succeeded | refused (allowed code) |\n|---|---|---|");
  for (const [k, [ok, no]] of Object.entries(f.ops).sort()) console.log(`| ${k} | ${ok} | ${no} |`);
  console.log(
    `\ndeployments logged: ${f.deployments} (exactly the ones reported); watcher reads of the file: ${f.fileReads}, ` +
      `versions seen: ${f.versionsSeen} (all parse, all logged post-images); slowest command: ${
        Math.round(f.slowestOpMs)
      } ms`,
  );
}
console.log(`\nall checks passed in ${Math.round((performance.now() - t0) / 1000)} s`);
