/** The CLI run in this process (src/cli/program.ts) over a temp home: fast enough for thousands of
 * generated command lines. Never pass relative paths or --scope project: the current folder is the
 * repository. */
import { runCli } from "../../src/cli/program.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import type { TempHome } from "./home.ts";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, when it is one JSON document. */
  json: any;
}

/** Runs `args` as the CLI would, with the temp home's environment (and `cwd` as the current folder when
 * given: the project files a client merges with its user file are looked for there). */
export async function cli(h: TempHome, args: string[], cwd?: string): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (s) => out.push(s), err: (s) => err.push(s) },
    makeDeps: (home) =>
      Promise.resolve(
        makeDeps({
          home,
          env: h.env,
          os: "linux",
          clientFiles: allClientFiles,
          ...(cwd ? { cwd: () => cwd } : {}),
        }),
      ),
    version: "0.0.0-test",
    exitCode: 0,
  });
  const stdout = out.join("");
  let json: any = undefined;
  try {
    json = JSON.parse(stdout);
  } catch { /* text */ }
  return { code, stdout, stderr: err.join(""), json };
}
