/**
 * mcp-orchestration: the composition root. Builds the real dependencies, dispatches argv, and is the
 * only place that calls Deno.exit.
 */
import { basename } from "node:path";
import denoJson from "./deno.json" with { type: "json" };
import type { Env, OS } from "./src/clients/types.ts";
import { argvForInvocation, runCli } from "./src/cli/program.ts";
import { makeDeps } from "./src/platform/make_deps.ts";
import { ENV_VARS } from "./scripts/permissions.ts";
import { allClientFiles } from "./src/clients/allowed_files.ts";

function readEnv(): Env {
  const env: Record<string, string | undefined> = {};
  for (const k of ENV_VARS) env[k] = Deno.env.get(k);
  return env;
}

const enc = new TextEncoder();
function writeAll(w: { writeSync(b: Uint8Array): number }, s: string) {
  const b = enc.encode(s);
  let off = 0;
  while (off < b.length) off += w.writeSync(b.subarray(off));
}

const os: OS = Deno.build.os === "windows" ? "windows" : Deno.build.os === "darwin" ? "darwin" : "linux";
const env = readEnv();
const args = argvForInvocation(basename(Deno.execPath()), Deno.args);

const code = await runCli(args, {
  io: { out: (s) => writeAll(Deno.stdout, s), err: (s) => writeAll(Deno.stderr, s) },
  makeDeps: (home) => Promise.resolve(makeDeps({ home, env, os, clientFiles: allClientFiles })),
  version: denoJson.version,
  exitCode: 0,
});
Deno.exit(code);
