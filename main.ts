/**
 * mcp-orchestration: the composition root. Builds the real dependencies, dispatches argv, and is the
 * only place that calls Deno.exit.
 */
import { basename } from "./src/platform/path.ts";
import denoJson from "./deno.json" with { type: "json" };
import type { Env, OS } from "./src/platform/host.ts";
import { argvForInvocation, plainServe, withDefaultCommand } from "./src/cli/argv.ts";
import { makeDeps } from "./src/platform/make_deps.ts";
import { ENV_VARS } from "./scripts/permissions.ts";
import { selfCommand } from "./src/platform/self_command.ts";
import { allClientFiles } from "./src/clients/allowed_files.ts";
import { colorFor } from "./src/cli/style.ts";
import { dropPermissions, heldPermissions } from "./src/cli/permissions.ts";

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
// The names (never the values) of the variables set now: a deploy reports which ones a client needs
// and whether each is set; read before the command gives up its environment access.
const envNames: ReadonlySet<string> = new Set(Object.keys(Deno.env.toObject()));
const args = withDefaultCommand(
  argvForInvocation(basename(Deno.execPath()), Deno.args),
  Deno.stdin.isTerminal(),
);
// Least privilege: RUN_FLAGS grant what any command needs; the command in `args` keeps only its own
// (src/cli/permissions.ts). Test-only: MCPO_PERMISSION_PROBE=1 reports what is left on stderr.
const probe = Deno.env.get("MCPO_PERMISSION_PROBE") === "1";
dropPermissions(args);
if (probe) writeAll(Deno.stderr, JSON.stringify(heldPermissions()) + "\n");

/** Loads a module by URL at run time rather than by a literal specifier, so that `deno run` does not read
 * and resolve its whole module graph at start-up (~15 ms of every command). `deno task compile` embeds
 * these modules with --include (scripts/compile.ts); `deno check` follows the `typeof import` types. */
const load = <T>(path: string): Promise<T> => import(new URL(path, import.meta.url).href);

const makeRealDeps = (home: string | undefined) =>
  makeDeps({ home, env, envNames, os, clientFiles: allClientFiles, selfCommand });
const serve = plainServe(args);
if (serve) {
  // The MCP server: answer `initialize` before the SDK and the CLI parser load (src/mcp/fast_start.ts).
  const { serveFast } = await load<typeof import("./src/mcp/fast_start.ts")>("./src/mcp/fast_start.ts");
  try {
    await serveFast(
      makeRealDeps(serve.home),
      (s) => writeAll(Deno.stderr, s),
      Deno.stdin.readable,
      async (b) => {
        let off = 0;
        while (off < b.length) off += await Deno.stdout.write(b.subarray(off));
      },
    );
    Deno.exit(0);
  } catch (e) {
    writeAll(Deno.stderr, `error: ${(e as Error).message}\n`);
    Deno.exit(1);
  }
}

const { runCli } = await load<typeof import("./src/cli/program.ts")>("./src/cli/program.ts");
const code = await runCli(args, {
  io: { out: (s) => writeAll(Deno.stdout, s), err: (s) => writeAll(Deno.stderr, s) },
  makeDeps: (home) => Promise.resolve(makeRealDeps(home)),
  version: denoJson.version,
  exitCode: 0,
  color: {
    out: colorFor(Deno.stdout.isTerminal(), env.NO_COLOR),
    err: colorFor(Deno.stderr.isTerminal(), env.NO_COLOR),
  },
  progress: Deno.stderr.isTerminal(),
});
Deno.exit(code);
