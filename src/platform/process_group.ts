/**
 * Starting a program in a process group of its own and ending the whole group, for `doctor`: an MCP
 * server started through `npx`/`uvx` runs as a child of a child, and none of them may outlive the check.
 * POSIX: the child leads a new group (`detached`), and the group gets SIGTERM, then SIGKILL. Windows:
 * `taskkill /T /F` ends the tree (not run here: recorded for the Windows build).
 */

export interface GroupChild {
  pid: number;
  stdin: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  /** Resolves when the leader exits. */
  status: Promise<{ code: number | null; signal: string | null }>;
  /** Ends every process of the group (idempotent); resolves once the leader has exited. */
  end(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  args: string[];
  env: Record<string, string>;
  cwd: string;
  shell?: boolean;
}

/** Why a start failed. */
export class SpawnError extends Error {
  constructor(readonly reason: "not_found" | "permission_denied" | "other", message: string) {
    super(message);
    this.name = "SpawnError";
  }
}

export type Spawner = (command: string, o: SpawnOptions) => GroupChild;

const windows = Deno.build.os === "windows";

function signalGroup(pid: number, signal: Deno.Signal): void {
  try {
    if (windows) {
      new Deno.Command("taskkill", {
        args: ["/T", "/F", "/PID", String(pid)],
        stdout: "null",
        stderr: "null",
      })
        .spawn();
    } else Deno.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Groups started and not yet ended: an interrupt (Ctrl-C, SIGTERM) ends them before this process
 * goes, since a group of its own does not get the terminal's signal. */
const live = new Set<number>();
const INTERRUPTS: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function onInterrupt(signal: Deno.Signal) {
  return () => {
    for (const pid of live) signalGroup(pid, "SIGKILL");
    live.clear();
    unwatch();
    Deno.kill(Deno.pid, signal); // the default action now: this process ends as it would have
  };
}
const handlers = new Map(INTERRUPTS.map((s) => [s, onInterrupt(s)]));

function watch(pid: number) {
  if (windows) return;
  if (live.size === 0) { for (const [s, h] of handlers) Deno.addSignalListener(s, h); }
  live.add(pid);
}

function unwatch(pid?: number) {
  if (windows) return;
  if (pid !== undefined) live.delete(pid);
  if (live.size === 0) { for (const [s, h] of handlers) Deno.removeSignalListener(s, h); }
}

/** Starts `command` as the leader of a new process group, with exactly `o.env`. */
export const spawnGroup: Spawner = (command, o) => {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(windows && o.shell ? "cmd.exe" : command, {
      args: windows && o.shell
        ? ["/d", "/s", "/c", [command, ...o.args].map((a) => `"${a}"`).join(" ")]
        : o.args,
      env: o.env,
      clearEnv: true,
      cwd: o.cwd,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      detached: true,
    }).spawn();
  } catch (e) {
    const reason = e instanceof Deno.errors.NotFound
      ? "not_found"
      : e instanceof Deno.errors.PermissionDenied
      ? "permission_denied"
      : "other";
    throw new SpawnError(reason, (e as Error).message);
  }
  let exited = false;
  watch(child.pid);
  const status = child.status.then((s) => {
    exited = true;
    return { code: s.signal ? null : s.code, signal: s.signal ?? null };
  });
  let ending: Promise<void> | undefined;
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    status,
    end(graceMs = 300) {
      ending ??= (async () => {
        // The leader may be gone while its children live on: the group is signalled either way.
        if (!exited) await Promise.race([status, sleep(graceMs)]);
        signalGroup(child.pid, "SIGTERM");
        await Promise.race([status, sleep(graceMs)]);
        signalGroup(child.pid, "SIGKILL");
        await status;
        unwatch(child.pid);
      })();
      return ending;
    },
  };
};
