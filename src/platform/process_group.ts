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
      })();
      return ending;
    },
  };
};
