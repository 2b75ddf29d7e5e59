/**
 * Machines for the sharing tests: each a temp user home with its own state folder and key pair, a bare
 * repository in a temp folder, git run with HOME there (never the real one), and ways to craft what a
 * hostile remote could hold (commits made with git's plumbing in the bare repository).
 */
import { join } from "node:path";
import { type TempHome, tempHome } from "../helpers/home.ts";
import type { Deps } from "../../src/platform/deps.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { call } from "../../src/ops/spec.ts";
import { op as remoteOp } from "../../src/ops/specs/remote.ts";
import { op as pushOp } from "../../src/ops/specs/push.ts";
import { op as pullOp } from "../../src/ops/specs/pull.ts";
import { op as syncOp } from "../../src/ops/specs/sync.ts";

export interface Machine {
  h: TempHome;
  d: Deps;
  keyId: string;
  remoteAdd(name: string, url: string): Promise<unknown>;
  publish(profile: string, servers: Record<string, unknown>, changelog?: string, client?: string): Promise<
    { artifact_id: string; version: number }
  >;
  push(input?: Record<string, unknown>): Promise<any>;
  pull(remote?: string): Promise<any>;
  sync(input?: Record<string, unknown>): Promise<any>;
  trust(other: Machine): Promise<void>;
  cleanup(): Promise<void>;
}

const CLI = { door: "cli" } as const;

export async function machine(): Promise<Machine> {
  const h = await tempHome();
  const d = h.deps();
  const keyId = (await init(d)).key_id;
  return {
    h,
    d,
    keyId,
    remoteAdd: (name, url) => call(remoteOp, d, { action: "add", name, url }, CLI),
    publish: (profile, servers, changelog = `publish ${profile}`, client = "claude-code") =>
      publish(d, { client, profile, payload: { mcpServers: servers } as any, changelog }),
    push: (input = {}) => call(pushOp, d, { client: "claude-code", profile: "team", ...input }, CLI),
    pull: (remote) => call(pullOp, d, remote === undefined ? {} : { remote }, CLI),
    sync: (input = {}) => call(syncOp, d, input, CLI),
    trust: async (other) => {
      const pem = await Deno.readFile(join(other.h.home, "keys", "signing.pub"));
      await Deno.writeFile(join(h.home, "keys", "trusted", `${other.keyId}.pub`), pem);
    },
    cleanup: () => h.cleanup(),
  };
}

/** git with HOME in a temp folder and no system config (`env`: more variables, e.g. GIT_INDEX_FILE). */
export async function gitAt(
  dir: string,
  args: string[],
  input?: Uint8Array | string,
  env: Record<string, string> = {},
): Promise<string> {
  const child = new Deno.Command("git", {
    args: [`--git-dir=${dir}`, ...args],
    env: { HOME: dir, GIT_CONFIG_NOSYSTEM: "1", PATH: Deno.env.get("PATH") ?? "", LC_ALL: "C", ...env },
    clearEnv: true,
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (input !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
    await w.close();
  }
  const out = await child.output();
  if (out.code !== 0) throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).trim();
}

/** A fresh bare repository in a temp folder. */
export async function bareRepo(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-bare-" }));
  const dir = join(base, "profiles.git");
  await Deno.mkdir(dir);
  await gitAt(dir, ["init", "--quiet", "--bare"]);
  return { dir, cleanup: () => Deno.remove(base, { recursive: true }) };
}

/** Writes a commit on main in `dir` whose tree is main's with `changes` (path -> mode and bytes; null
 * removes), made with a temporary index (git's own path checks apply: no `..` here). */
export async function commitChanges(
  dir: string,
  changes: Record<string, { mode?: string; bytes: Uint8Array | string } | null>,
  opts: { parent?: string | null; message?: string } = {},
): Promise<string> {
  const parent = opts.parent === undefined ? await gitAt(dir, ["rev-parse", "refs/heads/main"]) : opts.parent;
  const index = join(dir, `tmp-index-${crypto.randomUUID()}`);
  const withIndex = (args: string[], input?: string | Uint8Array) => gitWithIndex(dir, index, args, input);
  if (parent) await withIndex(["read-tree", parent]);
  else await withIndex(["read-tree", "--empty"]);
  for (const [path, c] of Object.entries(changes)) {
    if (c === null) {
      await withIndex(["update-index", "--index-info"], `0 ${"0".repeat(40)}\t${path}\n`);
      continue;
    }
    const blob = await gitAt(dir, ["hash-object", "-w", "--stdin"], c.bytes);
    await withIndex(["update-index", "--add", "--cacheinfo", `${c.mode ?? "100644"},${blob},${path}`]);
  }
  const tree = await withIndex(["write-tree"]);
  await Deno.remove(index).catch(() => {});
  return await commitTree(dir, tree, parent, opts.message ?? "crafted");
}

/** Writes a commit on main whose tree is main's with every one of `paths` holding the ONE blob `bytes`
 * (one hash-object, one update-index: fast for thousands of paths). */
export async function commitOneBlobAt(dir: string, paths: string[], bytes: Uint8Array): Promise<string> {
  const parent = await gitAt(dir, ["rev-parse", "refs/heads/main"]);
  const index = join(dir, `tmp-index-${crypto.randomUUID()}`);
  await gitWithIndex(dir, index, ["read-tree", parent]);
  const blob = await gitAt(dir, ["hash-object", "-w", "--stdin"], bytes);
  await gitWithIndex(
    dir,
    index,
    ["update-index", "--index-info"],
    paths.map((p) => `100644 ${blob}\t${p}\n`).join(""),
  );
  const tree = await gitWithIndex(dir, index, ["write-tree"]);
  await Deno.remove(index).catch(() => {});
  return await commitTree(dir, tree, parent);
}

/** A commit of `tree` on `parent`, made the tip of main (a force-push, as a hostile remote would). */
export async function commitTree(dir: string, tree: string, parent: string | null, message = "crafted") {
  const commit = await gitAt(dir, [
    "-c",
    "user.name=x",
    "-c",
    "user.email=x@x",
    "commit-tree",
    tree,
    ...(parent ? ["-p", parent] : []),
    "-m",
    message,
  ]);
  await gitAt(dir, ["update-ref", "refs/heads/main", commit]);
  return commit;
}

function gitWithIndex(dir: string, index: string, args: string[], input?: string | Uint8Array) {
  return gitAt(dir, args, input, { GIT_INDEX_FILE: index });
}

/** Every file of a state folder but the scratch repositories and locks: path -> bytes (as text). */
export async function snapshot(home: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string, rel: string) {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)];
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === "locks" || r.endsWith("/repo.git")) continue;
      if (e.isDirectory) await walk(join(dir, e.name), r);
      else out[r] = new TextDecoder().decode(await Deno.readFile(join(dir, e.name)));
    }
  }
  await walk(home, "");
  return out;
}

export const SERVERS_V1 = { memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] } };
export const SERVERS_V2 = {
  ...SERVERS_V1,
  time: { command: "uvx", args: ["mcp-server-time"] },
};

/** Remote URLs with credentials in every form, as they must show (every secret holds "SECRET"). */
export const CREDENTIAL_URLS: [string, string, string][] = [
  ["tok", "https://ghp_SECRETTOKEN123@127.0.0.1:9/x.git", "https://***@127.0.0.1:9/x.git"],
  ["userpass", "http://alice:pwSECRET1@127.0.0.1:9/x.git", "http://***@127.0.0.1:9/x.git"],
  ["atslash", "https://alice:p@ss/w0rdSECRET@127.0.0.1:9/x.git", "https://***@127.0.0.1:9/x.git"],
  ["upper", "HTTPS://UPPERSECRET@127.0.0.1:9/x.git", "HTTPS://***@127.0.0.1:9/x.git"],
  ["sshpw", "ssh://git:SSHSECRET@127.0.0.1:9/x.git", "ssh://***@127.0.0.1:9/x.git"],
  ["ssh", "ssh://git@127.0.0.1:9/x.git", "ssh://git@127.0.0.1:9/x.git"],
  ["scp", "git@127.0.0.1:org/repo.git", "git@127.0.0.1:org/repo.git"],
  ["query", "https://127.0.0.1:9/x.git?access_token=QSECRET5", "https://127.0.0.1:9/x.git?***"],
  ["frag", "https://127.0.0.1:9/x.git#TOKFRAGSECRET", "https://127.0.0.1:9/x.git#***"],
];
