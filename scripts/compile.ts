/**
 * `deno task compile [--target T]... [--output-dir DIR]`: builds DIR/mcp-orchestration-<target> (DIR
 * defaults to dist/) for the five release targets with the permission flags of permissions.ts. The
 * registry is embedded through its JSON imports; the modules main.ts, src/cli/commands/mod.ts and
 * src/deploy/apply.ts (jsdiff) load by URL (so that `deno run` starts fast) are embedded with --include.
 *
 * The first compile per target downloads Deno's runtime base (denort) into DENO_DIR; set DENORT_BIN
 * to a local denort of the same version and target, or use a DENO_DIR that already holds it, to build
 * offline.
 *
 * The project's URL (the MCP server's serverInfo.websiteUrl): deno.json `homepage` when set; else
 * `--homepage URL`, or on GitHub Actions the repository being built (GITHUB_SERVER_URL/GITHUB_REPOSITORY),
 * is written into src/mcp/build_info.json for the compile and the file's bytes are put back afterwards.
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

/** The URL to stamp into src/mcp/build_info.json, or null: none known, or deno.json names one already. */
export function stampedHomepage(
  denoJson: { homepage?: unknown },
  given: string | undefined,
  env: { GITHUB_SERVER_URL?: string; GITHUB_REPOSITORY?: string },
): string | null {
  if (typeof denoJson.homepage === "string" && denoJson.homepage) return null;
  const url = given ??
    (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
      : null);
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--homepage ${JSON.stringify(url)} is not a URL`);
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    throw new Error(`--homepage ${JSON.stringify(url)}: give an http(s) URL without credentials`);
  }
  return url;
}

/** Writes `url` into ROOT/src/mcp/build_info.json; returns what puts the file's exact bytes back. */
export function stampBuildInfo(root: string, url: string): () => void {
  const path = `${root}src/mcp/build_info.json`;
  const before = Deno.readFileSync(path);
  Deno.writeTextFileSync(path, JSON.stringify({ homepage: url }) + "\n");
  return () => Deno.writeFileSync(path, before);
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
  let homepage: string | undefined;
  for (let i = 0; i < Deno.args.length; i++) {
    if (Deno.args[i] === "--target") wanted.push(Deno.args[++i]);
    else if (Deno.args[i] === "--output-dir") outputDir = Deno.args[++i];
    else if (Deno.args[i] === "--homepage") homepage = Deno.args[++i];
    else {
      console.error(
        `unknown argument ${Deno.args[i]}; use --target T (repeat), --output-dir DIR and --homepage URL`,
      );
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
  let url: string | null;
  try {
    const denoJson = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`));
    url = stampedHomepage(denoJson, homepage, {
      GITHUB_SERVER_URL: Deno.env.get("GITHUB_SERVER_URL"),
      GITHUB_REPOSITORY: Deno.env.get("GITHUB_REPOSITORY"),
    });
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(2);
  }
  let failed = 0;
  const restore = url ? stampBuildInfo(ROOT, url) : () => {};
  if (url) console.error(`serverInfo.websiteUrl: ${url} (src/mcp/build_info.json, for this compile)`);
  // Ctrl-C or a stop during the compile: the tracked file gets its bytes back before the exit.
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const sig of signals) {
    Deno.addSignalListener(sig, () => {
      restore();
      Deno.exit(130);
    });
  }
  try {
    for (const target of targets) {
      const args = compileArgs(target, outputDir);
      console.error(`$ deno ${args.join(" ")}`);
      const { code } = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" })
        .output();
      if (code !== 0) failed++;
    }
  } finally {
    restore();
  }
  Deno.exit(failed ? 1 : 0);
}
