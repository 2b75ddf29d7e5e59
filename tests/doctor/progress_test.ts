/** On a terminal, doctor shows each result on stderr as it arrives; never with --format json. A cancelled
 * run ends what it started and starts nothing more. */
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "../../src/cli/program.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import { withHome } from "../helpers/home.ts";
import { alive, claudeFile, liveInGroup, nodeEntry, testRuntime } from "./helpers.ts";
import { doctor } from "../../src/ops/doctor.ts";
import type { DoctorRuntime } from "../../src/platform/doctor_runtime.ts";
import type { GroupChild } from "../../src/platform/process_group.ts";

Deno.test("doctor progress: one stderr line per server on a terminal, none with --format json", () =>
  withHome(async (h) => {
    await claudeFile(h, { good: nodeEntry("ok.mjs"), exits: nodeEntry("exits.mjs") });
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(["doctor", "--timeout", "20", ...args], {
        io: { out: (s) => out.push(s), err: (s) => err.push(s) },
        makeDeps: (home) =>
          Promise.resolve(makeDeps({ home, env: h.env, os: "linux", clientFiles: allClientFiles })),
        version: "0",
        exitCode: 0,
        progress: true,
      });
      return { code, out: out.join(""), err: err.join("") };
    };
    const text = await run([]);
    assertEquals(text.code, 9);
    assertEquals(text.err.trim().split("\n").length, 2, text.err);
    assert.match(text.err, /^\[\d\/2\] ✘ claude-code\/exits \(stdio\): exited/m);
    assert.match(text.err, /^\[\d\/2\] ✔ claude-code\/good/m);
    const json = await run(["--format", "json"]);
    assertEquals([json.code, json.err], [9, ""]);
    assertEquals(JSON.parse(json.out).summary, { ok: 1, failed: 1, skipped: 0, changed: 0, suspicious: 0 });
  }));

Deno.test("doctor cancelled: the running check ends its server, no further server starts, no report after the cancel, the run rejects with the reason", () =>
  withHome(async (h) => {
    await claudeFile(h, {
      a: nodeEntry("silent.mjs"),
      b: nodeEntry("silent.mjs"),
      c: nodeEntry("silent.mjs"),
    });
    const real = testRuntime(h);
    const started: GroupChild[] = [];
    const runtime: DoctorRuntime = {
      ...real,
      concurrency: 1,
      spawn: (command, o) => {
        const child = real.spawn(command, o);
        started.push(child);
        return child;
      },
    };
    const ac = new AbortController();
    const reports: string[] = [];
    const run = doctor(h.deps(), { timeout: 120 }, runtime, {
      signal: ac.signal,
      progress: (p) => reports.push(p.message),
    }).then(() => "finished", (e: unknown) => e);
    for (let i = 0; i < 400 && started.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assertEquals(started.length, 1);
    assert.ok(await alive(started[0].pid));
    const reason = new Error("stopped by the caller");
    ac.abort(reason);
    assertEquals(await run, reason);
    assertEquals(started.length, 1, "no server starts after the cancel");
    assertEquals(await alive(started[0].pid), false);
    assertEquals(await liveInGroup(started[0].pid), []);
    assertEquals(reports, []);
  }));
