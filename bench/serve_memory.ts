/**
 * Peak memory of `serve` (max RSS through `/usr/bin/time -f %M`, MiB) for two sessions: `initialize`
 * then end of input (the figure of the peak-memory table in BENCHMARKS.md), and a client's usual start
 * (`initialize`, `notifications/initialized`, `tools/list`, `resources/list`, `prompts/list`, one
 * `list_profiles` call). `main.ts serve` runs under RUN_FLAGS (the compiled binary's permissions) with
 * HOME in a temp folder. `--baseline DIR` measures another checkout's main.ts too, interleaved run by run
 * (e.g. `git worktree add /tmp/base <commit>`). Prints each run and the max and median per session.
 *
 *   deno run --allow-read --allow-write --allow-env --allow-run bench/serve_memory.ts [--runs N]
 *     [--baseline DIR]
 */
import { join } from "node:path";
import { RUN_FLAGS } from "../scripts/permissions.ts";
import { realDenoDir } from "../scripts/deno_dir.ts";
import { runWithInput } from "../scripts/spawn.ts";

const arg = (name: string) => (Deno.args.includes(name) ? Deno.args[Deno.args.indexOf(name) + 1] : undefined);
const RUNS = Number(arg("--runs")) || 5;
const MAINS: [string, string][] = [["this tree", new URL("../main.ts", import.meta.url).pathname]];
if (arg("--baseline")) MAINS.push(["baseline", join(await Deno.realPath(arg("--baseline")!), "main.ts")]);
const TIME = ["/usr/bin/time", "/bin/time"].find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});
if (!TIME) {
  console.log("`/usr/bin/time` is not installed here (`apt-get install time`): no memory figures.");
  Deno.exit(0);
}

const line = (m: unknown) => JSON.stringify(m) + "\n";
const INIT = line({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } },
});
const SESSIONS: [string, string][] = [
  ["initialize, end of input", INIT],
  [
    "initialize, tools/list, resources/list, prompts/list, list_profiles",
    INIT + line({ jsonrpc: "2.0", method: "notifications/initialized" }) +
    line({ jsonrpc: "2.0", id: 2, method: "tools/list" }) +
    line({ jsonrpc: "2.0", id: 3, method: "resources/list" }) +
    line({ jsonrpc: "2.0", id: 4, method: "prompts/list" }) +
    line({
      jsonrpc: "2.0",
      id: 5,
      method: "tools/call",
      params: { name: "list_profiles", arguments: { client_id: "claude-desktop" } },
    }),
  ],
];

const denoDir = await realDenoDir();
const home = await Deno.makeTempDir({ prefix: "mcpo-serve-mem-" });
const out = await Deno.makeTempFile();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const [label, input] of SESSIONS) {
    const peaks = MAINS.map(() => [] as number[]);
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [k, [, main]] of MAINS.entries()) {
        const r = await runWithInput(TIME, {
          args: ["-f", "%M", "-o", out, Deno.execPath(), "run", "--quiet", ...RUN_FLAGS, main, "serve"],
          env: {
            HOME: home,
            XDG_CONFIG_HOME: join(home, ".config"),
            DENO_DIR: denoDir,
            PATH: Deno.env.get("PATH") ?? "",
          },
          clearEnv: true,
        }, input);
        if (!r.success) throw new Error(`serve failed: ${new TextDecoder().decode(r.stderr).slice(0, 400)}`);
        const answers = new TextDecoder().decode(r.stdout).trim().split("\n").length;
        if (answers < (input.match(/"id":/g) ?? []).length) {
          throw new Error(`serve answered ${answers} lines`);
        }
        // The first run of each loads the modules into the cache: not counted.
        if (i > 0) peaks[k].push(Number((await Deno.readTextFile(out)).trim().split("\n").pop()) / 1024);
      }
    }
    console.log(`\n${label} (peak MiB, ${RUNS} runs)`);
    for (const [k, [name]] of MAINS.entries()) {
      const xs = peaks[k];
      console.log(
        `  ${name}: ${xs.map((x) => x.toFixed(1)).join(" ")}  max ${Math.max(...xs).toFixed(1)}  median ${
          median(xs).toFixed(1)
        }`,
      );
    }
  }
} finally {
  await Deno.remove(home, { recursive: true });
  await Deno.remove(out);
}
