/**
 * Runs the real CLI (main.ts under the compiled binary's permission flags) for `--help` texts, in a
 * throw-away HOME so nothing real is read, with the real Deno cache and no colour.
 *
 * @example
 * const runner = await helpRunner();
 * const top = await runner.help([]);              // `mcp-orchestration --help`
 * const deploy = await runner.help(["deploy-config"]);
 * await runner.close();
 */
import { RUN_FLAGS } from "../permissions.ts";
import { realDenoDir } from "../deno_dir.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

export interface HelpRunner {
  /** The text `mcp-orchestration <...words> --help` prints on stdout (exit 0 required). */
  help(words: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function helpRunner(): Promise<HelpRunner> {
  const home = await Deno.makeTempDir({ prefix: "mcpo-docs-" });
  const denoDir = await realDenoDir();
  const env = { HOME: home, XDG_CONFIG_HOME: `${home}/.config`, DENO_DIR: denoDir, NO_COLOR: "1" };
  // At most a few processes at once: the callers ask for every command's help side by side.
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    while (running >= 6) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async help(words) {
      await slot();
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--quiet", ...RUN_FLAGS, MAIN, ...words, "--help"],
        env,
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output().finally(release);
      const text = new TextDecoder().decode(out.stdout);
      if (out.code !== 0 || text.trim() === "") {
        throw new Error(
          `mcp-orchestration ${[...words, "--help"].join(" ")} exited ${out.code}: ${
            new TextDecoder().decode(out.stderr)
          }`,
        );
      }
      return text.replaceAll(home, "~");
    },
    close: () => Deno.remove(home, { recursive: true }),
  };
}
