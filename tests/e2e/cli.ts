/** Runs the real CLI as a subprocess under exactly the compiled binary's permission flags, with HOME in
 * a temp folder (DENO_DIR kept, so npm packages are not fetched again). */
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const denoDir = await realDenoDir();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** Every stdout and stderr text of the runs with a given HOME (for the secrets scan). */
const transcripts = new Map<string, string[]>();

/** The outputs of every run so far with `HOME=home`. */
export function outputsFor(home: string): string[] {
  return transcripts.get(home) ?? [];
}

export async function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, ...args],
    env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout);
  let json: any = undefined;
  try {
    json = JSON.parse(stdout);
  } catch { /* text output */ }
  const stderr = new TextDecoder().decode(out.stderr);
  if (env.HOME) transcripts.set(env.HOME, [...outputsFor(env.HOME), stdout, stderr]);
  return { code: out.code, stdout, stderr, json };
}
