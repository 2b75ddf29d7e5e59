/** Fixtures and a runtime for doctor tests: node fixture servers, a temp home, the real servers. */
import { join } from "node:path";
import { type DoctorRuntime, realRuntime } from "../../src/platform/doctor_runtime.ts";
import type { TempHome } from "../helpers/home.ts";

export const FIXTURES = new URL("../fixtures/servers/", import.meta.url).pathname;

/** `node <fixture>` as a Claude Code stdio entry. */
export function nodeEntry(file: string, env?: Record<string, string>): Record<string, unknown> {
  return { type: "stdio", command: "node", args: [join(FIXTURES, file)], ...(env ? { env } : {}) };
}

/** The runtime of a test: the real machine with HOME in the temp folder and only PATH kept. */
export function testRuntime(h: TempHome, env: Record<string, string> = {}): DoctorRuntime {
  return {
    ...realRuntime(),
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: h.userHome, ...env },
    cwd: h.userHome,
  };
}

/** Writes a Claude Code user file (`~/.claude.json`) with these servers. */
export async function claudeFile(h: TempHome, servers: Record<string, unknown>): Promise<string> {
  const path = join(h.userHome, ".claude.json");
  await Deno.writeTextFile(path, JSON.stringify({ mcpServers: servers }, null, 2));
  return path;
}

/** Where .ci/run installs the real servers ($MCPO_REAL_SERVERS, default /tmp/mcpo-real-servers). */
export const REAL_SERVERS_BIN = `${
  Deno.env.get("MCPO_REAL_SERVERS") ?? "/tmp/mcpo-real-servers"
}/node_modules/.bin`;

/** The real server binary `name`, or null (with a SKIPPED line) when it is not installed. */
export function realServer(name: string): string | null {
  const path = `${REAL_SERVERS_BIN}/${name}`;
  try {
    if (Deno.statSync(path).isFile) return path;
  } catch { /* absent */ }
  if (Deno.env.get("CI") === "true") {
    throw new Error(`${name} is missing under ${REAL_SERVERS_BIN}: .ci/run installs it`);
  }
  console.log(`SKIPPED: ${name} is not installed under ${REAL_SERVERS_BIN} (.ci/run installs it)`);
  return null;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Every process as [pid, pgid, state] (`ps`: Deno reads /proc only with --allow-all). */
async function processes(): Promise<[number, number, string][]> {
  const out = await new Deno.Command("ps", { args: ["-eo", "pid=,pgid=,stat="], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => {
    const [pid, pgid, stat] = l.trim().split(/\s+/);
    return [Number(pid), Number(pgid), stat];
  });
}

/** Live (not zombie) processes whose process group is `pgid`. */
export async function liveInGroup(pgid: number): Promise<number[]> {
  return (await processes()).filter(([, g, st]) => g === pgid && !st.startsWith("Z")).map(([p]) => p);
}

/** A process is alive (and not a zombie). */
export async function alive(pid: number): Promise<boolean> {
  return (await processes()).some(([p, , st]) => p === pid && !st.startsWith("Z"));
}
