/**
 * The scratch repository of a remote (`<home>/remotes/<name>/repo.git`, bare, never checked out: no
 * file of a remote is ever written as a file, so a symlink or a `..` in its tree cannot reach the disk).
 * Fetches (objects checked by git's fsck), reads trees and blobs, writes a commit with fast-import and
 * pushes it without force. Every call goes through src/platform/git.ts.
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { git, GIT_NETWORK_TIMEOUT_MS, gitFailed, type GitRun, redactUrls, runGit } from "../platform/git.ts";
import { layout } from "../store/layout.ts";
import { withLock } from "../platform/lock.ts";
import { shownUrl } from "../store/remotes.ts";
import { BRANCH } from "./layout.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The tracking ref of the remote's branch in the scratch repository. */
export const TRACKING = `refs/remotes/origin/${BRANCH}`;
/** Keeps the commit last verified reachable (so gc never drops it and a rewrite stays provable). */
export const SEEN = "refs/mcpo/seen";

/** Options every git call in the scratch repository gets: no automatic gc, fsck of what is fetched. */
const SAFE = ["-c", "gc.auto=0", "-c", "fetch.fsckObjects=true", "-c", "transfer.fsckObjects=true"];

/** A scratch repository and the environment git runs in there. */
export interface Repo {
  gitDir: string;
  env: Record<string, string>;
  /** How long a fetch or push may go unanswered (GIT_NETWORK_TIMEOUT_MS; tests shorten it with the
   * internal variable MCPO_GIT_NETWORK_TIMEOUT_MS of the Deps' environment). */
  timeoutMs: number;
}

/** Runs `fn` holding the lock of remote `name` (`locks/remote-<name>.lock`): one pull or push of a
 * remote at a time per state folder (cron and a user at once), so their fetches, refs and
 * pulled.json never interleave. A pull that waits more than 60 s gives up with `lock_timeout`. */
export async function withRemoteLock<T>(deps: Deps, name: string, fn: () => Promise<T>): Promise<T> {
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock(`remote-${name}`), fn, { timeoutMs: 60_000 });
}

/** The scratch repository of remote `name`, created on first use. Git's HOME (its global config, its
 * credential helpers) is the user's home of the Deps, like every other path of the program. */
export async function scratchRepo(deps: Deps, name: string): Promise<Repo> {
  const gitDir = layout(deps.home).remoteRepo(name);
  const env: Record<string, string> = {};
  for (const k of ["HOME", "USERPROFILE", "XDG_CONFIG_HOME"]) {
    const v = deps.env[k];
    if (v !== undefined) env[k] = v;
  }
  if (!(await deps.fs.stat(`${gitDir}/HEAD`))) {
    await deps.fs.mkdir(layout(deps.home).remotesDir, 0o700);
    await git(["init", "--quiet", "--bare", gitDir], { env });
  }
  const t = Number(deps.env.MCPO_GIT_NETWORK_TIMEOUT_MS);
  return { gitDir, env, timeoutMs: Number.isFinite(t) && t > 0 ? t : GIT_NETWORK_TIMEOUT_MS };
}

/** Fetches the remote's branch; its commit, or null when the remote has no such branch yet (a new,
 * empty repository). Objects that fail git's fsck (a `..` or `/` in a tree, a malformed object) are
 * `remote_invalid`. */
export async function fetchBranch(repo: Repo, url: string): Promise<string | null> {
  const args = [
    ...SAFE,
    "fetch",
    "--quiet",
    "--no-tags",
    "--no-write-fetch-head",
    "--",
    url,
    `+refs/heads/${BRANCH}:${TRACKING}`,
  ];
  const r = await runGit(args, { gitDir: repo.gitDir, env: repo.env, timeoutMs: repo.timeoutMs });
  if (r.timedOut) throw noAnswer("fetch", url, repo);
  if (r.code !== 0) {
    if (/couldn't find remote ref/i.test(r.stderr)) {
      await runGit(["update-ref", "-d", TRACKING], { gitDir: repo.gitDir, env: repo.env });
      return null;
    }
    // Objects our fsck refuses, or that the remote's own git cannot pack (a tree entry with an empty
    // name: "aborting due to possible repository corruption on the remote side"): the remote's fault.
    if (
      /fsck|bad tree|hasDot|badTree|zeroPaddedFilemode|fullPathname|missingSpaceBeforeDate|invalid object|corruption on the remote side/i
        .test(r.stderr)
    ) {
      throw new AppError(
        "remote_invalid",
        `The remote ${shownUrl(url)} holds objects git refuses: ${lastLine(r.stderr)}`,
        {
          url: shownUrl(url),
          reason: lastLine(r.stderr),
        },
      );
    }
    throw new AppError("git_failed", `Cannot fetch from ${shownUrl(url)}: ${lastLine(r.stderr)}`, {
      command: "git fetch",
      url: shownUrl(url),
      exit_code: r.code,
    });
  }
  return await revParse(repo, TRACKING);
}

/** A fetch or push stopped after the remote did not answer for repo.timeoutMs. */
function noAnswer(what: "fetch" | "push", url: string, repo: Repo): AppError {
  const secs = Math.round(repo.timeoutMs / 100) / 10;
  return new AppError(
    "git_failed",
    `No answer from the remote ${shownUrl(url)} after ${secs} s: git ${what} stopped${
      what === "push" ? " (the push may or may not have landed: pull to see)" : ""
    }; nothing was written`,
    { command: `git ${what}`, url: shownUrl(url), timeout_s: secs },
  );
}

const lastLine = (s: string) =>
  redactUrls(s.trim().split("\n").filter((l) => l.trim()).slice(-2).join(" ").replace(/\s+/g, " "));

export async function revParse(repo: Repo, ref: string): Promise<string | null> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    gitDir: repo.gitDir,
    env: repo.env,
  });
  return r.code === 0 ? dec.decode(r.stdout).trim() : null;
}

export async function setRef(repo: Repo, ref: string, commit: string): Promise<void> {
  await git(["update-ref", ref, commit], { gitDir: repo.gitDir, env: repo.env });
}

/** True when `a` is `b` or an ancestor of it (false when `a` is not in the repository). */
export async function isAncestor(repo: Repo, a: string, b: string): Promise<boolean> {
  const r = await runGit(["merge-base", "--is-ancestor", a, b], { gitDir: repo.gitDir, env: repo.env });
  if (r.code === 0) return true;
  if (r.code === 1 || r.code === 128) return false;
  throw gitFailed(["merge-base"], r);
}

/** One entry of a tree listing or a tree diff. */
export interface TreeEntry {
  /** "100644", "100755", "120000" (symlink), "160000" (submodule), "040000"... */
  mode: string;
  sha: string;
  path: string;
  /** A path the diff says was deleted (its mode and sha are the old ones). */
  deleted?: true;
}

/** Every file of a commit's tree (recursive). */
export async function listTree(repo: Repo, commit: string): Promise<TreeEntry[]> {
  const out = dec.decode(
    await git(["ls-tree", "-r", "-z", "--full-tree", commit], { gitDir: repo.gitDir, env: repo.env }),
  );
  return out.split("\0").filter((l) => l).map((l) => {
    const tab = l.indexOf("\t");
    const [mode, , sha] = l.slice(0, tab).split(" ");
    return { mode, sha, path: l.slice(tab + 1) };
  });
}

/** The files that differ between two commits (recursive, no rename detection). */
export async function diffTrees(repo: Repo, from: string, to: string): Promise<TreeEntry[]> {
  const out = dec.decode(
    await git(["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", from, to], {
      gitDir: repo.gitDir,
      env: repo.env,
    }),
  );
  const f = out.split("\0");
  const entries: TreeEntry[] = [];
  for (let i = 0; i + 1 < f.length; i += 2) {
    const head = f[i];
    if (!head.startsWith(":")) break;
    const [oldMode, newMode, oldSha, newSha, status] = head.slice(1).split(" ");
    const path = f[i + 1];
    entries.push(
      status === "D"
        ? { mode: oldMode, sha: oldSha, path, deleted: true }
        : { mode: newMode, sha: newSha, path },
    );
  }
  return entries;
}

/** Object id, type and size of each object name (`sha` or `commit:path`), without reading contents;
 * null for a name that does not exist. */
export async function objectSizes(
  repo: Repo,
  names: string[],
): Promise<Map<string, ObjectInfo | null>> {
  const out = new Map<string, ObjectInfo | null>();
  if (names.length === 0) return out;
  const r = dec.decode(
    await git(["cat-file", "--batch-check"], {
      gitDir: repo.gitDir,
      env: repo.env,
      input: enc.encode(names.join("\n") + "\n"),
    }),
  );
  const lines = r.split("\n");
  names.forEach((n, i) => {
    const parts = (lines[i] ?? "").split(" ");
    out.set(
      n,
      parts[1] === "missing" || parts.length !== 3
        ? null
        : { oid: parts[0], type: parts[1], size: Number(parts[2]) },
    );
  });
  return out;
}

export interface ObjectInfo {
  oid: string;
  type: string;
  size: number;
}

/** The contents of each object (`infos`: name -> what objectSizes said, every size checked by the
 * caller). Each distinct object is read once, however many names point at it (a thousand paths naming
 * one large blob cost one blob), and every name of one object gets the same bytes. */
export async function readObjects(
  repo: Repo,
  infos: Map<string, ObjectInfo | null>,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const oids = [...new Set([...infos.values()].filter((i) => i !== null).map((i) => i!.oid))];
  if (oids.length === 0) return out;
  const buf = await git(["cat-file", "--batch"], {
    gitDir: repo.gitDir,
    env: repo.env,
    input: enc.encode(oids.join("\n") + "\n"),
  });
  const byOid = new Map<string, Uint8Array>();
  let at = 0;
  for (const oid of oids) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = dec.decode(buf.subarray(at, nl)).split(" ");
    if (header[1] === "missing" || header.length !== 3) {
      at = nl + 1;
      continue;
    }
    const size = Number(header[2]);
    byOid.set(oid, buf.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  for (const [name, info] of infos) {
    const b = info ? byOid.get(info.oid) : undefined;
    if (b) out.set(name, b);
  }
  return out;
}

/** The object id git gives `bytes` as a blob (`git hash-object`): the SHA-1 (or, in a SHA-256
 * repository, whose ids are 64 hex digits, the SHA-256) of "blob <length>\0" and the bytes. */
export async function blobId(bytes: Uint8Array, hexLength = 40): Promise<string> {
  const head = enc.encode(`blob ${bytes.length}\0`);
  const all = new Uint8Array(head.length + bytes.length);
  all.set(head);
  all.set(bytes, head.length);
  const digest = await crypto.subtle.digest(hexLength === 64 ? "SHA-256" : "SHA-1", all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A file of a commit to write. */
export interface NewFile {
  path: string;
  bytes: Uint8Array;
}

/** Writes one commit on `parent` (null: the first) changing `files`, with fast-import; returns it. */
export async function writeCommit(
  repo: Repo,
  parent: string | null,
  files: NewFile[],
  message: string,
  ident: { name: string; email: string; when: Date },
): Promise<string> {
  const ref = "refs/mcpo/push";
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(enc.encode(s));
  const data = (b: Uint8Array) => {
    text(`data ${b.length}\n`);
    chunks.push(b);
    text("\n");
  };
  const secs = Math.floor(ident.when.getTime() / 1000);
  text(`reset ${ref}\n`);
  text(`commit ${ref}\n`);
  text(`committer ${ident.name} <${ident.email}> ${secs} +0000\n`);
  data(enc.encode(message));
  if (parent) text(`from ${parent}\n`);
  for (const f of files) {
    text(`M 100644 inline ${f.path}\n`);
    data(f.bytes);
  }
  text("done\n");
  const input = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    input.set(c, off);
    off += c.length;
  }
  await git(["-c", "gc.auto=0", "fast-import", "--quiet", "--done", "--date-format=raw"], {
    gitDir: repo.gitDir,
    env: repo.env,
    input,
  });
  const commit = await revParse(repo, ref);
  if (!commit) {
    throw new AppError("git_failed", "git fast-import wrote no commit", { command: "git fast-import" });
  }
  return commit;
}

/** Pushes `commit` to the remote's branch, never forced: a remote that moved meanwhile (the push is no
 * fast-forward) is `push_rejected`. */
export async function pushCommit(repo: Repo, url: string, commit: string): Promise<void> {
  const args = ["push", "--quiet", "--porcelain", "--", url, `${commit}:refs/heads/${BRANCH}`];
  const r: GitRun = await runGit(args, { gitDir: repo.gitDir, env: repo.env, timeoutMs: repo.timeoutMs });
  if (r.timedOut) throw noAnswer("push", url, repo);
  if (r.code === 0) return;
  const said = dec.decode(r.stdout) + r.stderr;
  if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/.test(said)) {
    throw new AppError(
      "push_rejected",
      `The remote ${shownUrl(url)} moved while pushing: nothing was pushed (pull, then push again)`,
      { url: shownUrl(url), reason: "not a fast-forward" },
    );
  }
  throw new AppError("git_failed", `Cannot push to ${shownUrl(url)}: ${lastLine(r.stderr)}`, {
    command: "git push",
    url: shownUrl(url),
    exit_code: r.code,
  });
}
