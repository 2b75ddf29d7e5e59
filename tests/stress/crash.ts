/**
 * Crash consistency harness: runs `deploy-config`, `rollback`, `publish-config` or `add-server` as a
 * subprocess under the binary's permission flags and kills it with SIGKILL at a random moment (most
 * kills aimed at its write phase, measured on uncut runs), again and again. After every kill: the
 * client file is byte-identical to the old or the new version (or the latest publish / the draft is
 * the old or the new one), the store passes verify --all, and every lock can be taken at once; every
 * `recoverEvery` kills the command runs uncut and succeeds with no drift reported.
 */
import { join } from "node:path";
import { assert } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { realFs } from "../../src/platform/fs.ts";
import { withLock } from "../../src/platform/lock.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { status } from "../../src/ops/status.ts";
import { deployFixture, sameBytes } from "../reliability/deploy_fixture.ts";
import { mtimes, runCommand, seeded, stressHome, tempFilesUnder } from "./proc.ts";
import { testSeed, withSeed } from "../helpers/seed.ts";
import { type Subject, subjectFor } from "./crash_subjects.ts";

export type CrashCommand = "deploy-config" | "rollback" | "publish-config" | "add-server";

/** What one harness run tried and what survived. */
export interface CrashFigures {
  command: CrashCommand;
  seed: number;
  /** SIGKILLs that landed while the process ran. */
  kills: number;
  /** Runs that exited before their kill was due (not counted as kills). */
  finishedFirst: number;
  /** Kills after which the file (latest publish, draft) was the new version / still the old one. */
  landedNew: number;
  stayedOld: number;
  /** Kills that left a journal record or a temp file behind (died mid-write), all cleaned up after. */
  midWrite: number;
  /** Uncut runs after kills, all successful. */
  recoveries: number;
  /** verify --all passes after every kill. */
  verified: number;
  seconds: number;
}

export interface CrashOptions {
  kills: number;
  seed?: number;
  recoverEvery?: number;
  log?: (line: string) => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** When, after spawning, the command starts writing and when it ends: medians of uncut runs. */
async function measure(h: TempHome, s: Subject): Promise<{ first: number; end: number }> {
  const firsts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < 7; i++) {
    const spawnedAt = Date.now();
    const o = await runCommand(h, await s.next());
    assert.ok(o.code === 0, `warm-up run of ${s.command}: ${o.stdout}${o.stderr}`);
    await s.observe(true);
    const changed = (await mtimes(s.watched())).filter((t) => t >= spawnedAt);
    if (changed.length) firsts.push(Math.min(...changed) - spawnedAt);
    ends.push(o.ms);
  }
  const end = median(ends);
  return { first: firsts.length ? Math.min(median(firsts), end) : end * 0.8, end };
}

/** Every lock file can be taken at once (the OS released the killed holder's locks). */
async function locksFree(h: TempHome): Promise<void> {
  for await (const e of Deno.readDir(join(h.home, "locks"))) {
    await withLock(realFs, join(h.home, "locks", e.name), () => Promise.resolve(), { timeoutMs: 2000 });
  }
}

/** Runs the harness for one command in a fresh temp home. */
export function crashHarness(command: CrashCommand, o: CrashOptions): Promise<CrashFigures> {
  const seed = o.seed ?? testSeed();
  return withSeed(`crash harness (${command})`, seed, () => crashRun(command, o, seed));
}

async function crashRun(command: CrashCommand, o: CrashOptions, seed: number): Promise<CrashFigures> {
  const rand = seeded(seed);
  const h = await stressHome();
  const t0 = performance.now();
  const f: CrashFigures = {
    command,
    seed,
    kills: 0,
    finishedFirst: 0,
    landedNew: 0,
    stayedOld: 0,
    midWrite: 0,
    recoveries: 0,
    verified: 0,
    seconds: 0,
  };
  try {
    const fx = command === "deploy-config" || command === "rollback" ? await deployFixture(h) : null;
    const s = await subjectFor(command, h, fx);
    const { first, end } = await measure(h, s);
    o.log?.(
      `${command}: writes start ~${first.toFixed(0)} ms after spawn, runs end ~${
        end.toFixed(0)
      } ms (seed ${seed})`,
    );
    // A quarter of the kills anywhere in the run; the rest in a window around the write phase that
    // narrows as runs finish first (too late) or die having done nothing (too early).
    let lo = Math.max(0, first - 15);
    let hi = end + 5;
    while (f.kills < o.kills) {
      const at = rand() < 0.25 ? rand() * end : lo + rand() * (hi - lo);
      const tempsBefore = (await tempFilesUnder(h.userHome)).length;
      const r = await runCommand(h, await s.next(), at);
      if (r.code !== null) {
        assert.ok(r.code === 0, `${command}: an uncut run failed: ${r.stdout}${r.stderr}`);
        f.finishedFirst++;
        await s.observe(true);
        if (at >= lo) hi = Math.max(lo + 10, hi - 1);
        continue;
      }
      f.kills++;
      const leftovers = (await tempFilesUnder(h.userHome)).length > tempsBefore ||
        (await Array.fromAsync(Deno.readDir(join(h.home, "journal"))).catch(() => [])).length > 0;
      if (leftovers) f.midWrite++;
      if (await s.observe(false)) f.landedNew++;
      else {
        f.stayedOld++;
        if (!leftovers && at >= lo) lo = Math.min(hi - 10, lo + 0.5);
      }
      await verifyAll(h.deps());
      f.verified++;
      await locksFree(h);
      if (f.kills % (o.recoverEvery ?? 20) === 0 || f.kills === o.kills) {
        const u = await runCommand(h, await s.next());
        assert.ok(u.code === 0, `${command}: the run after kill ${f.kills} failed: ${u.stdout}${u.stderr}`);
        await s.observe(true);
        if (fx) {
          // The profile the file holds now (another one deployed there before is "replaced").
          const st = (await status(h.deps(), { client: "cursor" })).targets.find((t) =>
            t.state !== "not-deployed" && t.state !== "replaced"
          );
          assert.ok(st?.state === "up-to-date", `${command}: status after recovery: ${JSON.stringify(st)}`);
          assert.ok(
            sameBytes(await Deno.readFile(fx.file), fx.bytesA) ||
              sameBytes(await Deno.readFile(fx.file), fx.bytesB),
          );
        }
        assert.ok(
          (await tempFilesUnder(join(h.userHome, ".cursor")).catch(() => [])).length === 0,
          "temp files left beside the client file",
        );
        f.recoveries++;
      }
      if (f.kills % 100 === 0) o.log?.(`${command}: ${f.kills} kills`);
    }
    await verifyAll(h.deps());
  } finally {
    f.seconds = Math.round((performance.now() - t0) / 100) / 10;
    await h.cleanup();
  }
  return f;
}
