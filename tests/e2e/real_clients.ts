/**
 * Finds the real client CLIs (`claude`, `codex`, `gemini`) for e2e tests that check a deployed file is
 * read correctly. Installed globally or with `npm install --prefix /tmp/realclients ...`.
 *
 * @example
 * const claude = findClientBinary("claude");
 * Deno.test({ name: "claude reads it", ignore: claude === null, fn: async () => {...} });
 */

/** Where `npm install --prefix DIR` put the binaries: $MCPO_REAL_CLIENTS (set by .ci/run), else /tmp/realclients. */
export const REAL_CLIENTS_BIN = `${
  Deno.env.get("MCPO_REAL_CLIENTS") ?? "/tmp/realclients"
}/node_modules/.bin`;

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** Absolute path of the client binary `name` from PATH or /tmp/realclients, or null when absent. */
export function findClientBinary(name: string): string | null {
  const windows = Deno.build.os === "windows";
  const sep = windows ? ";" : ":";
  const exts = windows ? ["", ".cmd", ".exe"] : [""];
  const dirs = [...(Deno.env.get("PATH") ?? "").split(sep).filter((d) => d !== ""), REAL_CLIENTS_BIN];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = `${dir}${windows ? "\\" : "/"}${name}${ext}`;
      if (isFile(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * Env for running a real client against a temp home: HOME/USERPROFILE (and CODEX_HOME) point into
 * `home`, PATH keeps the client's folder, DENO_DIR keeps the real Deno cache. Never the real home.
 */
export function realClientEnv(home: string, binary: string): Record<string, string> {
  const env: Record<string, string> = {
    HOME: home,
    USERPROFILE: home,
    CODEX_HOME: `${home}/.codex`,
    PATH: `${binary.replace(/[\\/][^\\/]+$/, "")}${Deno.build.os === "windows" ? ";" : ":"}${
      Deno.env.get("PATH") ?? ""
    }`,
  };
  const denoDir = Deno.env.get("DENO_DIR");
  if (denoDir) env.DENO_DIR = denoDir;
  return env;
}

/** Runs a real client CLI (stdin closed, `timeoutMs` at most: 90 s) with exactly `env`; stdout and both streams. */
export async function runClient(
  bin: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 90_000,
) {
  const out = await new Deno.Command(bin, {
    args,
    env,
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  return { code: out.code, stdout, text: stdout + new TextDecoder().decode(out.stderr) };
}

/** A test of the real `binary` in a fresh temp home (removed afterwards); skipped, saying so, when the
 * client is not installed. */
export function realClientTest(
  name: string,
  binary: string,
  fn: (bin: string, home: string) => Promise<void>,
): void {
  const bin = findClientBinary(binary);
  if (!bin) {
    console.log(`SKIPPED: ${name}: the real "${binary}" CLI is not installed (npm package unavailable)`);
  }
  Deno.test({
    name,
    ignore: bin === null,
    sanitizeResources: false,
    fn: async () => {
      const home = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-real-" }));
      try {
        await fn(bin!, home);
      } finally {
        await Deno.remove(home, { recursive: true });
      }
    },
  });
}
