/**
 * What `doctor` needs from the machine beyond Deps: the user's whole environment (the clients start
 * servers from it), the current folder, a way to start a process group, the network (fetch), and a
 * folder check. Tests pass their own.
 */
import { type Spawner, spawnGroup } from "./process_group.ts";

export interface DoctorRuntime {
  /** The environment the clients run in: this process's (the user's). */
  env: Record<string, string>;
  cwd: string;
  spawn: Spawner;
  fetch: typeof fetch;
  isDir(path: string): Promise<boolean>;
  /** Servers checked at the same time. */
  concurrency: number;
}

/** The user's whole environment with `env` values over it, or `env` alone when this process may not
 * read the environment (a command without that permission). */
export function userEnvironment(
  env: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const all = Deno.permissions.querySync({ name: "env" }).state === "granted" ? Deno.env.toObject() : {};
  return { ...all, ...given };
}

/** The real machine; `env` values override the process's (tests point HOME at a temp folder). */
export function realRuntime(env: Readonly<Record<string, string | undefined>> = {}): DoctorRuntime {
  return {
    env: userEnvironment(env),
    cwd: Deno.cwd(),
    spawn: spawnGroup,
    fetch: (input, init) => fetch(input, init),
    isDir: async (p) => (await Deno.stat(p).catch(() => null))?.isDirectory === true,
    concurrency: 16,
  };
}
