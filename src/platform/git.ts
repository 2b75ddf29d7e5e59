/**
 * The one place that starts `git` (and the only program `push`, `pull`, `sync` and the MCP tools over
 * them start): a fixed program name, never one that a caller, a file or a remote supplies. Git runs
 * with the user's environment (their credentials, ssh agent, proxy) but never prompts: no terminal
 * prompt (GIT_TERMINAL_PROMPT=0), stdin closed, and the environment variables that would point it at
 * another repository or index dropped.
 */
import { AppError } from "../core/errors.ts";

export interface GitRun {
  code: number;
  stdout: Uint8Array;
  stderr: string;
  /** Stopped after `timeoutMs` without ending (its whole process group killed). */
  timedOut?: true;
}

export interface GitOptions {
  /** The repository (`--git-dir`); absent for commands that need none (`git ls-remote URL`). */
  gitDir?: string;
  /** Bytes written to git's standard input (fast-import, cat-file --batch). */
  input?: Uint8Array;
  /** Extra environment on top of the user's. */
  env?: Record<string, string>;
  /** Network commands (fetch, push, ls-remote): after this many ms git and every program it started
   * (git-remote-http, ssh) are killed and the run is `timedOut`, so a remote that accepts the connection
   * and never answers cannot hang a pull, push or sync (and the locks it holds) forever. */
  timeoutMs?: number;
}

/** How long a network git command may take by default. */
export const GIT_NETWORK_TIMEOUT_MS = 120_000;

/** Variables of the caller's environment that would redirect git away from the scratch repository. */
const DROPPED = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_CEILING_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_QUARANTINE_PATH",
];

/** The environment git gets: the user's, minus DROPPED, with prompts off and stable messages. */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(Deno.env.toObject())) if (!DROPPED.includes(k)) env[k] = v;
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GCM_INTERACTIVE: "never",
    LC_ALL: "C",
    ...extra,
  };
}

/** Runs `git args...`; a git that cannot start (missing, or this command may not start programs) is
 * `git_failed`. A non-zero exit is returned, not thrown: callers say what it means. */
export async function runGit(args: string[], o: GitOptions = {}): Promise<GitRun> {
  const full = o.gitDir === undefined ? args : [`--git-dir=${o.gitDir}`, ...args];
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("git", {
      args: full,
      env: gitEnv(o.env),
      clearEnv: true,
      stdin: o.input ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
      // Its own process group, so a timeout kills git's helpers too (they hold its pipes open).
      ...(o.timeoutMs !== undefined ? { detached: true } : {}),
    }).spawn();
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "git is not installed (or not on PATH)"
      : e instanceof Deno.errors.PermissionDenied
      ? "this command may not start programs"
      : (e as Error).message;
    throw new AppError("git_failed", `Cannot run git: ${why}`, { command: `git ${args[0] ?? ""}` });
  }
  const writing = o.input
    ? (async () => {
      const w = child.stdin.getWriter();
      try {
        await w.write(o.input!);
        await w.close();
      } catch { /* git ended early: its exit code says why */ }
    })()
    : Promise.resolve();
  let timedOut = false;
  const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    try {
      if (Deno.build.os === "windows") child.kill("SIGKILL");
      else Deno.kill(-child.pid, "SIGKILL");
    } catch {
      try {
        child.kill("SIGKILL");
      } catch { /* already ended */ }
    }
  }, o.timeoutMs);
  try {
    const [stdout, stderr, status] = await Promise.all([
      new Response(child.stdout).bytes(),
      new Response(child.stderr).text(),
      child.status,
      writing,
    ]);
    return timedOut
      ? { code: status.code, stdout, stderr, timedOut: true }
      : { code: status.code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs git and returns its stdout; a non-zero exit is `git_failed` quoting git's last lines. */
export async function git(args: string[], o: GitOptions = {}): Promise<Uint8Array> {
  const r = await runGit(args, o);
  if (r.code !== 0) throw gitFailed(args, r);
  return r.stdout;
}

/** The `git_failed` error of a run, with git's own last lines (never the environment). */
export function gitFailed(args: string[], r: GitRun): AppError {
  const sub = args.find((a, i) => !a.startsWith("-") && args[i - 1] !== "-c") ?? "";
  const tail = redactUrls(r.stderr.trim().split("\n").slice(-4).join("\n"));
  return new AppError("git_failed", `git ${sub} failed (exit ${r.code}): ${tail || "no message"}`, {
    command: `git ${sub}`,
    exit_code: r.code,
  });
}

/** Schemes whose user name alone is no secret (`ssh://git@host/...`): only a password there is. */
const PLAIN_USER_SCHEMES = /^(ssh|git\+ssh|ssh\+git)$/i;

/** One URL as shown: for a URL with a scheme, its userinfo (everything before the LAST `@` after the
 * `://`, so a password holding `@` or `/` goes whole) shown as `***@`; a plain ssh user (`git@`) stays.
 * A query or fragment is shown as `?***` / `#***` (a token may ride there). Anything else (a path,
 * scp-like `git@host:org/repo`) is returned as it is. */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(url);
  if (!m) return url;
  const [, scheme, rest] = m;
  // A query or fragment may carry a token too (`?access_token=…`, `?private_token=…`): shown as `?***`.
  const tail = (s: string) => {
    const q = s.search(/[?#]/);
    return q < 0 ? s : `${s.slice(0, q + 1)}***`;
  };
  const at = rest.lastIndexOf("@");
  if (at < 0) return `${scheme}://${tail(rest)}`;
  if (PLAIN_USER_SCHEMES.test(scheme) && !rest.slice(0, at).includes(":")) {
    return `${scheme}://${rest.slice(0, at + 1)}${tail(rest.slice(at + 1))}`;
  }
  return `${scheme}://***@${tail(rest.slice(at + 1))}`;
}

/** Text with the credentials of every URL in it shown as `***@` (git's messages quote the URL), by
 * redactUrl on each URL (up to a blank or a quote). */
export function redactUrls(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]*/gi, (u) => redactUrl(u));
}
