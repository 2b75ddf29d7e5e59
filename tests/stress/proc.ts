/**
 * Subprocesses for the stress harnesses: the real CLI under the compiled binary's permission flags
 * (RUN_FLAGS), with HOME in a temp folder, that can be waited for or killed with SIGKILL at a moment.
 */
import { join } from "node:path";
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const denoDir = await realDenoDir();

/** A temp user home (HOME, XDG_CONFIG_HOME) for subprocesses and in-process checks alike. */
export function stressHome(): Promise<TempHome> {
  return tempHome();
}

/** The environment a subprocess gets: only HOME-related variables, the real Deno cache. */
export function envOf(h: TempHome): Record<string, string> {
  return { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...h.env };
}

export interface Outcome {
  /** Exit code, or null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  json: any;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

/** Spawns the CLI with `args`; kills it with SIGKILL after `killAfterMs` when given. */
export async function runCommand(h: TempHome, args: string[], killAfterMs?: number): Promise<Outcome> {
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, ...args],
    env: envOf(h),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (killAfterMs !== undefined) {
    timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already exited */ }
    }, killAfterMs);
  }
  const out = await child.output();
  clearTimeout(timer);
  const stdout = new TextDecoder().decode(out.stdout);
  let json: any = undefined;
  try {
    json = JSON.parse(stdout);
  } catch { /* text, or cut off */ }
  return {
    code: out.signal === "SIGKILL" ? null : out.code,
    stdout,
    stderr: new TextDecoder().decode(out.stderr),
    json,
    ms: performance.now() - t0,
  };
}

/** Modification times (ms) of the files that matter for timing a command's write phase. */
export async function mtimes(paths: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const p of paths) {
    const st = await Deno.stat(p).catch(() => null);
    if (st?.mtime) out.push(st.mtime.getTime());
  }
  return out;
}

/** Every entry name under `dir` that is a temp file left by an interrupted write. */
export async function tempFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...await tempFilesUnder(p));
    else if (e.name.includes(".mcpo-tmp-")) out.push(p);
  }
  return out;
}

/** A small seeded random generator (mulberry32), so a run can be reproduced with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
