/**
 * `deno task compile [--target T]... [--output-dir DIR]`: builds DIR/mcp-orchestration-<target> (DIR
 * defaults to dist/) for the five release targets with the permission flags of permissions.ts. The
 * registry is embedded through its JSON imports; the modules main.ts, src/cli/commands/mod.ts and
 * src/deploy/apply.ts (jsdiff) load by URL (so that `deno run` starts fast) are embedded with --include.
 *
 * The first compile per target downloads Deno's runtime base (denort) into DENO_DIR; set DENORT_BIN
 * to a local denort of the same version and target, or use a DENO_DIR that already holds it, to build
 * offline.
 */
import { RUN_FLAGS, TARGETS } from "./permissions.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** Modules loaded by URL at run time, which the static module graph does not reach. */
export function lazyModules(root = ROOT): string[] {
  const dir = `${root}src/cli/commands/`;
  const commands = [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".ts"))
    .map((e) => dir + e.name)
    .sort();
  return [
    `${root}src/cli/program.ts`,
    `${root}src/mcp/fast_start.ts`,
    `${root}src/core/text_diff.ts`,
    ...commands,
  ];
}

/** The binary's file name for `target`. */
export function binaryName(target: string): string {
  return `mcp-orchestration-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/** The `deno compile` arguments for one target. */
export function compileArgs(target: string, outputDir = `${ROOT}dist`, root = ROOT): string[] {
  return [
    "compile",
    ...RUN_FLAGS,
    ...lazyModules(root).flatMap((m) => ["--include", m]),
    "--target",
    target,
    "--output",
    `${outputDir}/${binaryName(target)}`,
    `${root}main.ts`,
  ];
}

if (import.meta.main) {
  const wanted: string[] = [];
  let outputDir = `${ROOT}dist`;
  for (let i = 0; i < Deno.args.length; i++) {
    if (Deno.args[i] === "--target") wanted.push(Deno.args[++i]);
    else if (Deno.args[i] === "--output-dir") outputDir = Deno.args[++i];
    else {
      console.error(`unknown argument ${Deno.args[i]}; use --target T (repeat) and --output-dir DIR`);
      Deno.exit(2);
    }
  }
  const targets = wanted.length ? wanted : TARGETS;
  for (const t of targets) {
    if (!TARGETS.includes(t)) {
      console.error(`unknown target ${t}; known: ${TARGETS.join(", ")}`);
      Deno.exit(2);
    }
  }
  let failed = 0;
  for (const target of targets) {
    const args = compileArgs(target, outputDir);
    console.error(`$ deno ${args.join(" ")}`);
    const { code } = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" })
      .output();
    if (code !== 0) failed++;
  }
  Deno.exit(failed ? 1 : 0);
}
