/** Runs the real CLI as a subprocess under exactly the compiled binary's permission flags, with HOME in
 * a temp folder (DENO_DIR kept, so npm packages are not fetched again). */
import { RUN_FLAGS } from "../../scripts/permissions.ts";
import { realDenoDir } from "../../scripts/deno_dir.ts";
import { runWithInput } from "../../scripts/spawn.ts";

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

export async function runCli(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<CliResult> {
  const out = await runWithInput(Deno.execPath(), {
    args: ["run", "--quiet", ...RUN_FLAGS, MAIN, ...args],
    env: { DENO_DIR: denoDir, PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
  }, stdin);
  const stdout = new TextDecoder().decode(out.stdout);
  let json: any = undefined;
  try {
    json = JSON.parse(stdout);
  } catch { /* text output */ }
  const stderr = new TextDecoder().decode(out.stderr);
  if (env.HOME) transcripts.set(env.HOME, [...outputsFor(env.HOME), stdout, stderr]);
  return { code: out.code, stdout, stderr, json };
}
