/**
 * pull: fetch the remote's branch into the scratch repository, then check everything that changed
 * since the commit last verified (all of it on a first pull) before anything enters the store:
 *
 * 1. history: the commit last verified is an ancestor of the new one (a rewrite is `rollback_refused`);
 * 2. every changed path is a plain file of the layout (share/layout.ts) within MAX_FILE_BYTES, else
 *    `remote_invalid` (git's fsck already refused `..`, `/` and malformed objects on fetch);
 * 3. every changed profile's index and head, and every artifact its history names that the store lacks
 *    (and every changed artifact file), pass the store's own verification (exact bytes, ids, both
 *    signatures, a TRUSTED key from keys/trusted/: a key arriving in the repository's keys/ is never
 *    used), laid out in memory (mem_fs.ts);
 * 4. no profile's head is older than the version already taken from this remote (`rollback_refused`).
 *
 * Any failure: nothing is written. Then, under the store's lock, each profile is compared with the
 * local one: new or extending it → taken (artifacts, then index, then head, as a publish writes them);
 * the same → unchanged; the local one extends the remote's → local-ahead; diverged → conflict, reported
 * and left alone (never merged). Conflicts are examined again on every pull until they resolve.
 */
import { AppError } from "../core/errors.ts";
import { decodeExact } from "../core/utf8.ts";
import type { Deps } from "../platform/deps.ts";
import { Cache } from "../platform/cache.ts";
import { withLock } from "../platform/lock.ts";
import { tempNameFor } from "../platform/atomic.ts";
import { dirname } from "../platform/path.ts";
import { layout } from "../store/layout.ts";
import { type IndexEntry, type ProfileIndex, readIndex } from "../store/profile_index.ts";
import { readHead } from "../store/index_head.ts";
import { trustNames } from "../store/trust_names.ts";
import { readArtifactRaw } from "../store/artifacts.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { type PulledState, readPulled, type RemoteEntry, shownUrl, writePulled } from "../store/remotes.ts";
import {
  artifactPath,
  headPath,
  indexPath,
  MARKER,
  MAX_FILE_BYTES,
  MAX_PULL_BYTES,
  parseRepoPath,
} from "./layout.ts";
import { relate } from "./history.ts";
import { memFs } from "./mem_fs.ts";
import {
  diffTrees,
  fetchBranch,
  isAncestor,
  listTree,
  type ObjectInfo,
  objectSizes,
  readObjects,
  revParse,
  scratchRepo,
  SEEN,
  setRef,
  type TreeEntry,
  withRemoteLock,
} from "./repo.ts";

export type PulledStatus = "new" | "updated" | "unchanged" | "local-ahead" | "conflict";

export interface PulledProfile {
  client_id: string;
  profile_id: string;
  status: PulledStatus;
  /** The remote's latest version and artifact. */
  version: number;
  artifact_id: string;
  /** The local latest version before the pull (null: none). */
  local_version: number | null;
  signed_by: string;
  /** The trust name of that key, null without one. */
  signer_name: string | null;
  detail?: string;
}

export interface PullOutcome {
  remote: string;
  url: string;
  status: "empty" | "up-to-date" | "pulled";
  commit: string | null;
  previous_commit: string | null;
  /** Paths of the repository that changed since the commit last verified (all of them on a first pull). */
  changed_paths: number;
  profiles: PulledProfile[];
  artifacts_added: number;
  conflicts: number;
}

function invalid(remote: RemoteEntry, why: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(
    "remote_invalid",
    `Refusing what ${shownUrl(remote.url)} holds: ${why}; nothing was written`,
    {
      remote: remote.name,
      ...details,
    },
  );
}

/** The remote's profile of client/profile, verified. */
interface Incoming {
  client: string;
  profile: string;
  idx: ProfileIndex;
  indexBytes: Uint8Array;
  headBytes: Uint8Array;
}

export async function pullRemote(
  deps: Deps,
  remote: RemoteEntry,
  trusted: Map<string, string>,
): Promise<PullOutcome> {
  return await withRemoteLock(deps, remote.name, () => pullLocked(deps, remote, trusted));
}

async function pullLocked(
  deps: Deps,
  remote: RemoteEntry,
  trusted: Map<string, string>,
): Promise<PullOutcome> {
  const l = layout(deps.home);
  const repo = await scratchRepo(deps, remote.name);
  const tip = await fetchBranch(repo, remote.url);
  const pulled = await readPulled(deps, remote.name);
  const unsettled = Object.keys(pulled.unsettled ?? {});
  const base = { remote: remote.name, url: shownUrl(remote.url), previous_commit: pulled.commit };
  if (!tip) {
    if (pulled.commit) throw rewritten(remote, pulled.commit, null);
    return {
      ...base,
      status: "empty",
      commit: null,
      changed_paths: 0,
      profiles: [],
      artifacts_added: 0,
      conflicts: 0,
    };
  }
  if (pulled.commit === tip && unsettled.length === 0) {
    return {
      ...base,
      status: "up-to-date",
      commit: tip,
      changed_paths: 0,
      profiles: [],
      artifacts_added: 0,
      conflicts: 0,
    };
  }
  // The commit last verified, when the scratch repository still has it (deleted: everything is examined
  // again, and the versions in pulled.json still refuse a rollback).
  const since = pulled.commit && (await revParse(repo, pulled.commit)) ? pulled.commit : null;
  if (since && !(await isAncestor(repo, since, tip))) throw rewritten(remote, since, tip);

  // 2. The changed paths: each one a plain file of the layout, none too large.
  const changed: TreeEntry[] = since ? await diffTrees(repo, since, tip) : await listTree(repo, tip);
  const live = changed.filter((e) => !e.deleted);
  for (const e of live) {
    const p = parseRepoPath(e.path);
    if (!p) {
      throw invalid(remote, `the path ${JSON.stringify(e.path)} is not part of a profile repository`, {
        path: e.path,
      });
    }
    if (e.mode !== "100644") {
      const what = e.mode === "120000"
        ? "a symbolic link"
        : e.mode === "160000"
        ? "a submodule"
        : `mode ${e.mode}`;
      throw invalid(remote, `${JSON.stringify(e.path)} is ${what}, not a plain file`, {
        path: e.path,
        mode: e.mode,
      });
    }
  }
  if (!since && !live.some((e) => e.path === MARKER)) {
    throw invalid(remote, `it is not a profile repository (no ${MARKER})`);
  }
  const sizes = await objectSizes(repo, live.map((e) => e.sha));
  const budget = readBudget(remote);
  for (const e of live) {
    const s = sizes.get(e.sha);
    if (!s || s.type !== "blob") {
      throw invalid(remote, `${JSON.stringify(e.path)} is not a file`, { path: e.path });
    }
    if (s.size > MAX_FILE_BYTES) {
      throw invalid(remote, `${JSON.stringify(e.path)} is ${s.size} bytes (at most ${MAX_FILE_BYTES})`, {
        path: e.path,
        size: s.size,
        limit: MAX_FILE_BYTES,
      });
    }
    budget.charge(s);
  }

  // 3. The profiles to examine: those whose index or head changed, and conflicts left from before.
  const keys = new Set(unsettled);
  const changedArtifacts: string[] = [];
  for (const e of live) {
    const p = parseRepoPath(e.path)!;
    if (p.kind === "index" || p.kind === "head") keys.add(`${p.client}/${p.profile}`);
    if (p.kind === "artifact") changedArtifacts.push(p.id);
  }
  const wanted = [...keys].sort().map((k) => {
    const [client, profile] = k.split("/");
    return { client, profile };
  });
  const names = wanted.flatMap((
    w,
  ) => [`${tip}:${indexPath(w.client, w.profile)}`, `${tip}:${headPath(w.client, w.profile)}`]);
  const profileSizes = await objectSizes(repo, names);
  for (const [n, s] of profileSizes) {
    if (s && (s.type !== "blob" || s.size > MAX_FILE_BYTES)) {
      throw invalid(remote, `${n.slice(41)} is not a file of at most ${MAX_FILE_BYTES} bytes`, {
        path: n.slice(41),
      });
    }
    if (s) budget.charge(s);
  }
  const blobs = await readObjects(repo, profileSizes);
  const files = new Map<string, Uint8Array>();
  const home = "/pull";
  const ml = layout(home);
  for (const [id, pem] of trusted) files.set(ml.trusted(id), new TextEncoder().encode(pem));
  const present: typeof wanted = [];
  for (const w of wanted) {
    const ib = blobs.get(`${tip}:${indexPath(w.client, w.profile)}`);
    const hb = blobs.get(`${tip}:${headPath(w.client, w.profile)}`);
    if (!ib && !hb) continue; // removed upstream: the store keeps what it has
    if (!ib || !hb) {
      throw invalid(
        remote,
        `"${w.client}/${w.profile}" has ${ib ? "an index without its head" : "a head without its index"}`,
      );
    }
    checkJson(remote, indexPath(w.client, w.profile), ib);
    checkJson(remote, headPath(w.client, w.profile), hb);
    files.set(ml.index(w.client, w.profile), ib);
    files.set(ml.head(w.client, w.profile), hb);
    present.push(w);
  }
  const mem = { ...deps, fs: memFs(files), home, cache: new Cache() };
  const incoming: Incoming[] = [];
  const needed = new Set(changedArtifacts);
  for (const w of present) {
    const idx = await readIndex(mem, w.client, w.profile, trusted).catch((e) => {
      throw withRemote(e, remote, indexPath(w.client, w.profile));
    });
    if (!idx || idx.legacy || idx.entries.length === 0) {
      throw invalid(remote, `the index of "${w.client}/${w.profile}" is not a signed history`);
    }
    const head = JSON.parse(decodeExact(files.get(ml.head(w.client, w.profile))!)!);
    if (head.version !== idx.entries.length) {
      throw invalid(remote, `the head of "${w.client}/${w.profile}" does not name its index's last version`);
    }
    incoming.push({
      client: w.client,
      profile: w.profile,
      idx,
      indexBytes: files.get(ml.index(w.client, w.profile))!,
      headBytes: files.get(ml.head(w.client, w.profile))!,
    });
    for (const e of idx.entries) {
      if (!(await readArtifactRaw(deps, e.artifact_id).catch(() => null))) needed.add(e.artifact_id);
    }
  }
  // Every artifact a new history names (and every changed artifact file), read and verified.
  const artNames = [...needed].map((id) => `${tip}:${artifactPath(id)}`);
  const artSizes = await objectSizes(repo, artNames);
  for (const id of needed) {
    const s = artSizes.get(`${tip}:${artifactPath(id)}`);
    if (!s) {
      throw invalid(remote, `an index lists the artifact ${id.slice(0, 12)}… that the remote does not hold`, {
        artifact_id: id,
      });
    }
    if (s.type !== "blob" || s.size > MAX_FILE_BYTES) {
      throw invalid(remote, `${artifactPath(id)} is not a file of at most ${MAX_FILE_BYTES} bytes`, {
        path: artifactPath(id),
      });
    }
    budget.charge(s);
  }
  // Each distinct blob read once (readObjects), its JSON parsed once: paths sharing one blob share its
  // bytes, and the first whose id does not match them fails verification below.
  const artBytes = await readObjects(repo, artSizes);
  const parsed = new Set<Uint8Array>();
  for (const id of needed) {
    const b = artBytes.get(`${tip}:${artifactPath(id)}`)!;
    if (!parsed.has(b)) checkJson(remote, artifactPath(id), b);
    parsed.add(b);
    files.set(ml.artifact(id), b);
  }
  const memArt = { ...mem, fs: memFs(files), cache: new Cache() };
  for (const id of needed) {
    await verifyArtifact(memArt, id, trusted).catch((e) => {
      throw withRemote(e, remote, artifactPath(id));
    });
  }

  // 4. Rollback: no head older than what was taken from this remote before.
  for (const inc of incoming) {
    const before = pulled.profiles[`${inc.client}/${inc.profile}`];
    const latest = inc.idx.entries.at(-1)!;
    if (
      before &&
      (latest.version < before.version ||
        inc.idx.entries[before.version - 1]?.artifact_id !== before.artifact_id)
    ) {
      throw new AppError(
        "rollback_refused",
        `The remote's "${inc.client}/${inc.profile}" is at version ${latest.version}, older than version ${before.version} taken from it before (a replayed or rolled-back remote): nothing was written`,
        {
          remote: remote.name,
          client_id: inc.client,
          profile_id: inc.profile,
          remote_version: latest.version,
          pulled_version: before.version,
        },
      );
    }
  }

  // Everything checked: compare with the store and write, under the store's lock.
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("store"), async () => {
    const out: PulledProfile[] = [];
    const write: Incoming[] = [];
    const heads: Incoming[] = [];
    const next: PulledState = { commit: tip, profiles: { ...pulled.profiles }, unsettled: {} };
    // Who signed, as `status` and `verify` name them (the key id alone when it has no trust name).
    const names = incoming.length ? await trustNames(deps) : new Map();
    for (const inc of incoming) {
      const local = await readIndex(deps, inc.client, inc.profile, trusted);
      const latest = inc.idx.entries.at(-1)!;
      const mine: IndexEntry[] = local?.entries ?? [];
      const rel = local ? relate(mine, inc.idx.entries) : "behind";
      const status: PulledStatus = !local
        ? "new"
        : rel === "behind"
        ? "updated"
        : rel === "same"
        ? "unchanged"
        : rel === "ahead"
        ? "local-ahead"
        : "conflict";
      const key = `${inc.client}/${inc.profile}`;
      out.push({
        client_id: inc.client,
        profile_id: inc.profile,
        status,
        version: latest.version,
        artifact_id: latest.artifact_id,
        local_version: local ? mine.length : null,
        signed_by: inc.idx.signing_key_id,
        signer_name: names.get(inc.idx.signing_key_id)?.name ?? null,
        ...(status === "conflict"
          ? {
            detail: `the local history and the remote's differ from version ${
              firstDiff(mine, inc.idx.entries)
            }: nothing merged`,
          }
          : status === "local-ahead"
          ? { detail: `this machine has versions the remote lacks (push them)` }
          : {}),
      });
      if (status === "new" || status === "updated") write.push(inc);
      else if (status === "unchanged") {
        // The same history, but a head behind it (a pull or publish interrupted between the index and
        // its head): the head is written, so the latest version reads right.
        const head = await readHead(deps, inc.client, inc.profile, trusted);
        if (!head || head.version < latest.version) heads.push(inc);
      }
      if (status === "conflict" || status === "local-ahead") next.unsettled![key] = true;
      else next.profiles[key] = { version: latest.version, artifact_id: latest.artifact_id };
    }
    let added = 0;
    const batch = writeBatch(deps);
    for (const id of needed) {
      if (await readArtifactRaw(deps, id).catch(() => null)) continue;
      if (!write.some((w) => w.idx.entries.some((e) => e.artifact_id === id))) continue;
      await batch.put(l.artifact(id), files.get(ml.artifact(id))!);
      added++;
    }
    // As a publish writes them: every artifact durable before an index names it, every index before
    // its head (one folder flush per folder between the steps, each file flushed on its own).
    await batch.flush();
    for (const w of write) await batch.put(l.index(w.client, w.profile), w.indexBytes);
    await batch.flush();
    for (const w of [...write, ...heads]) await batch.put(l.head(w.client, w.profile), w.headBytes);
    await batch.flush();
    await setRef(repo, SEEN, tip);
    await writePulled(deps, remote.name, next);
    return {
      ...base,
      status: "pulled" as const,
      commit: tip,
      changed_paths: changed.length,
      profiles: out,
      artifacts_added: added,
      conflicts: out.filter((p) => p.status === "conflict").length,
    };
  });
}

/** Atomic writes of many files whose folders are flushed once per batch (`flush`) instead of once per
 * file: each file is written to a temp file, flushed and renamed over its target, as writeAtomic does. */
function writeBatch(deps: Deps) {
  const dirs = new Set<string>();
  return {
    async put(path: string, bytes: Uint8Array): Promise<void> {
      const dir = dirname(path);
      if (!dirs.has(dir)) await deps.fs.mkdir(dir, 0o700);
      dirs.add(dir);
      const tmp = tempNameFor(path);
      try {
        await deps.fs.writeFile(tmp, bytes, { mode: 0o644, createNew: true, sync: true });
        await deps.fs.chmod(tmp, 0o644);
        await deps.fs.rename(tmp, path);
      } catch (e) {
        await deps.fs.remove(tmp).catch(() => {});
        throw e;
      }
    },
    async flush(): Promise<void> {
      for (const d of dirs) await deps.fs.syncDir(d);
      dirs.clear();
    },
  };
}

/** The bytes one pull may read: each distinct object counted once, MAX_PULL_BYTES in all (checked from
 * the sizes, before anything is read). */
function readBudget(remote: RemoteEntry) {
  const seen = new Set<string>();
  let total = 0;
  return {
    charge(o: ObjectInfo): void {
      if (seen.has(o.oid)) return;
      seen.add(o.oid);
      total += o.size;
      if (total > MAX_PULL_BYTES) {
        throw invalid(
          remote,
          `it holds more than ${MAX_PULL_BYTES} bytes (${
            MAX_PULL_BYTES / 1024 / 1024
          } MiB) of files to read in one pull, the limit`,
          { limit: MAX_PULL_BYTES },
        );
      }
    },
  };
}

function firstDiff(a: IndexEntry[], b: IndexEntry[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].artifact_id === b[i].artifact_id) i++;
  return i + 1;
}

/** The file is UTF-8 JSON as the store writes it: decoded exactly (a BOM kept, where a plain TextDecoder
 * strips it and the exact-bytes checks after it would pass bytes the store never wrote), no BOM. */
function checkJson(remote: RemoteEntry, path: string, bytes: Uint8Array): void {
  const text = decodeExact(bytes);
  if (text?.startsWith("\uFEFF")) {
    throw invalid(remote, `${path} starts with a byte order mark (the store writes none)`, { path });
  }
  try {
    JSON.parse(text ?? "");
  } catch {
    throw invalid(remote, `${path} is not valid JSON`, { path });
  }
}

function rewritten(remote: RemoteEntry, seen: string, tip: string | null): AppError {
  return new AppError(
    "rollback_refused",
    `The history of ${shownUrl(remote.url)} was rewritten: it no longer contains commit ${
      seen.slice(0, 12)
    } pulled before (force-pushed or rolled back); nothing was written`,
    {
      remote: remote.name,
      seen_commit: seen,
      remote_commit: tip,
      hint:
        "find out who rewrote it; to trust the new history: remote remove, then remote add (every profile is verified again)",
    },
  );
}

/** A verification error, naming the remote and the path it came from (and for an untrusted signer,
 * that the key in the repository is never trusted by arriving). */
function withRemote(e: unknown, remote: RemoteEntry, path: string): unknown {
  if (!(e instanceof AppError)) return e;
  const untrusted = /untrusted key "([0-9a-f]+)"/.exec(e.message);
  return new AppError(e.code, `${e.message} (from ${shownUrl(remote.url)}, ${path}); nothing was written`, {
    ...e.details,
    remote: remote.name,
    path,
    ...(untrusted
      ? {
        key_id: untrusted[1],
        hint:
          `a key that comes with a pull is never trusted: get the publisher's public key from them, check its id is ${
            untrusted[1]
          }, and trust it: mcp-orchestration trust add KEYFILE --name NAME`,
      }
      : {}),
  });
}
