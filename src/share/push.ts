/**
 * push: one commit on the remote's branch carrying, for each profile pushed, its signed index and head
 * (the store's exact bytes), every artifact its history names that the remote lacks, and the signers'
 * public keys; pushed without force. A profile whose remote history this one does not extend (the
 * remote is ahead, or diverged) rejects the whole push, as does a remote whose history was rewritten
 * since this machine last saw it.
 */
import { AppError } from "../core/errors.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { type ProfileIndex, readIndex } from "../store/profile_index.ts";
import { readHead } from "../store/index_head.ts";
import { type PulledState, readPulled, type RemoteEntry, shownUrl, writePulled } from "../store/remotes.ts";
import { artifactPath, headPath, indexPath, keyPath, MARKER, MARKER_TEXT, MAX_FILE_BYTES } from "./layout.ts";
import { relate } from "./history.ts";
import {
  blobId,
  fetchBranch,
  isAncestor,
  type NewFile,
  objectSizes,
  pushCommit,
  readObjects,
  revParse,
  scratchRepo,
  SEEN,
  setRef,
  TRACKING,
  withRemoteLock,
  writeCommit,
} from "./repo.ts";

export interface PushedProfile {
  client_id: string;
  profile_id: string;
  status: "pushed" | "unchanged";
  version: number;
  artifact_id: string;
  /** The remote's version before this push (null: the profile was not there). */
  remote_version: number | null;
}

export interface PushOutcome {
  remote: string;
  url: string;
  status: "pushed" | "unchanged";
  commit: string | null;
  message: string | null;
  profiles: PushedProfile[];
  artifacts_added: number;
  files_written: number;
}

const dec = new TextDecoder();

async function storeBytes(deps: Deps, path: string): Promise<Uint8Array> {
  return await deps.fs.readFile(path);
}

/** The remote's index of client/profile at `tip`, parsed (its signature is the pulling side's job). */
function remoteEntries(bytes: Uint8Array | undefined, label: string): ProfileIndex["entries"] | null {
  if (!bytes) return null;
  try {
    const v = JSON.parse(dec.decode(bytes));
    if (Array.isArray(v?.entries)) return v.entries;
  } catch { /* below */ }
  throw new AppError("push_rejected", `The remote's index of "${label}" is malformed: not pushing over it`, {
    profile: label,
  });
}

export async function pushProfiles(
  deps: Deps,
  remote: RemoteEntry,
  targets: { client: string; profile: string }[],
  trusted: Map<string, string>,
): Promise<PushOutcome> {
  return await withRemoteLock(deps, remote.name, () => pushLocked(deps, remote, targets, trusted));
}

async function pushLocked(
  deps: Deps,
  remote: RemoteEntry,
  targets: { client: string; profile: string }[],
  trusted: Map<string, string>,
): Promise<PushOutcome> {
  const l = layout(deps.home);
  const repo = await scratchRepo(deps, remote.name);
  const tip = await fetchBranch(repo, remote.url);
  const pulled = await readPulled(deps, remote.name);
  // The commit this machine last saw there must still be in the remote's history (when the scratch
  // repository still has it to compare).
  const seen = pulled.commit && (await revParse(repo, pulled.commit)) ? pulled.commit : null;
  if (seen && (!tip || !(await isAncestor(repo, seen, tip)))) {
    throw new AppError(
      "push_rejected",
      `The history of ${shownUrl(remote.url)} was rewritten since this machine last saw it (commit ${
        seen.slice(0, 12)
      }): not pushing onto it`,
      {
        remote: remote.name,
        seen_commit: seen,
        remote_commit: tip,
        hint: "find out who rewrote it; to start over with this remote: remote remove, then remote add",
      },
    );
  }
  const locals: { client: string; profile: string; idx: ProfileIndex }[] = [];
  for (const t of targets) {
    const idx = await readIndex(deps, t.client, t.profile, trusted);
    if (!idx || idx.legacy) {
      throw new AppError(
        "profile_not_found",
        idx
          ? `"${t.client}/${t.profile}" has only the Python tool's unsigned index: publish it once before pushing`
          : `Nothing published for "${t.client}/${t.profile}": run publish-config first`,
        { client_id: t.client, profile_id: t.profile },
      );
    }
    locals.push({ ...t, idx });
  }
  const names = locals.map((p) => `${tip}:${indexPath(p.client, p.profile)}`);
  const sizes = tip ? await objectSizes(repo, names) : new Map();
  for (const [n, s] of sizes) {
    if (s && (s.type !== "blob" || s.size > MAX_FILE_BYTES)) {
      throw new AppError("push_rejected", `The remote's ${n.slice(41)} is too large: not pushing over it`);
    }
  }
  const theirs = tip ? await readObjects(repo, sizes) : new Map<string, Uint8Array>();
  const profiles: PushedProfile[] = [];
  const changed: typeof locals = [];
  for (const p of locals) {
    const label = `${p.client}/${p.profile}`;
    const remoteList = remoteEntries(theirs.get(`${tip}:${indexPath(p.client, p.profile)}`), label);
    const latest = p.idx.entries.at(-1)!;
    const rel = remoteList ? relate(p.idx.entries, remoteList) : "ahead";
    if (rel === "behind" || rel === "diverged") {
      throw new AppError(
        "push_rejected",
        rel === "behind"
          ? `The remote holds version ${
            remoteList!.length
          } of "${label}", this machine version ${p.idx.entries.length}: pushing would move it backwards`
          : `The remote's history of "${label}" is not one this machine's extends (they differ from version ${
            firstDifference(p.idx.entries, remoteList!)
          }): not pushing over it`,
        {
          client_id: p.client,
          profile_id: p.profile,
          local_version: p.idx.entries.length,
          remote_version: remoteList!.length,
          hint: rel === "behind"
            ? "pull first, then publish on top of it"
            : "publish under another profile name, or pull it on a machine without that profile",
        },
      );
    }
    profiles.push({
      client_id: p.client,
      profile_id: p.profile,
      status: rel === "same" ? "unchanged" : "pushed",
      version: latest.version,
      artifact_id: latest.artifact_id,
      remote_version: remoteList ? remoteList.length : null,
    });
    if (rel === "ahead") changed.push(p);
  }
  const base = { remote: remote.name, url: shownUrl(remote.url), profiles };
  // The files of the commit: each changed profile's index and head, and every artifact (of every
  // profile pushed) and signer's key the remote does not hold with our exact bytes: a path that is
  // missing there, or holds other bytes (compared by git object id, one cat-file call), gets ours, so a
  // push never reports "pushed" over a remote whose files would fail every teammate's verification.
  const files: NewFile[] = [];
  const keys = new Set<string>();
  const artifacts = new Set<string>();
  for (const p of changed) {
    files.push({
      path: indexPath(p.client, p.profile),
      bytes: await storeBytes(deps, l.index(p.client, p.profile)),
    });
    files.push({
      path: headPath(p.client, p.profile),
      bytes: await storeBytes(deps, l.head(p.client, p.profile)),
    });
    keys.add(p.idx.signing_key_id);
  }
  // A profile the remote holds with the same versions ("unchanged") but whose index or head there has
  // other bytes (garbage, a head left behind by hand): ours are written over them, but only when our own
  // head is verified and names the index's last version (a store may hold no head, or one an interrupted
  // pull or publish left behind): then it is the head of that index and cannot move the remote backwards.
  const same = locals.filter((p) => !changed.includes(p));
  const sameFiles: NewFile[] = [];
  for (const p of same) {
    const last = p.idx.entries.at(-1)!;
    const head = await readHead(deps, p.client, p.profile, trusted).catch(() => null);
    if (!head || head.version !== last.version || head.artifact_id !== last.artifact_id) continue;
    sameFiles.push(
      { path: indexPath(p.client, p.profile), bytes: await storeBytes(deps, l.index(p.client, p.profile)) },
      { path: headPath(p.client, p.profile), bytes: await storeBytes(deps, l.head(p.client, p.profile)) },
    );
  }
  const sameDiffer = sameFiles.length ? await remoteDiffers(repo, tip, sameFiles) : new Set<string>();
  for (const f of sameFiles) if (sameDiffer.has(f.path)) files.push(f);
  for (const p of locals) for (const e of p.idx.entries) artifacts.add(e.artifact_id);
  const artFiles = new Map<string, Uint8Array>();
  for (const id of artifacts) artFiles.set(id, await storeBytes(deps, l.artifact(id)));
  const differs = await remoteDiffers(
    repo,
    tip,
    [...artFiles].map(([id, bytes]) => ({ path: artifactPath(id), bytes })),
  );
  let added = 0;
  for (const [id, bytes] of artFiles) {
    if (!differs.has(artifactPath(id))) continue;
    const a = await verifyArtifact(deps, id, trusted);
    keys.add(a.signing_key_id);
    files.push({ path: artifactPath(id), bytes });
    added++;
  }
  for (const p of locals) keys.add(p.idx.signing_key_id);
  const keyFiles = [...keys].filter((k) => trusted.has(k)).map((k) => ({
    path: keyPath(k),
    bytes: new TextEncoder().encode(trusted.get(k)!),
  }));
  const keysDiffer = await remoteDiffers(repo, tip, keyFiles);
  for (const f of keyFiles) if (keysDiffer.has(f.path)) files.push(f);
  if (files.length === 0) {
    return { ...base, status: "unchanged", commit: tip, message: null, artifacts_added: 0, files_written: 0 };
  }
  if (!tip || !(await objectSizes(repo, [`${tip}:${MARKER}`])).get(`${tip}:${MARKER}`)) {
    files.push({ path: MARKER, bytes: new TextEncoder().encode(MARKER_TEXT) });
  }
  const repaired =
    files.filter((f) => f.path !== MARKER && (!f.path.startsWith("profiles/") || sameDiffer.has(f.path)))
      .length;
  const message = commitMessage(changed, profiles, changed.length ? 0 : repaired);
  const commit = await writeCommit(repo, tip, files, message, {
    name: "mcp-orchestration",
    email: `${(changed[0] ?? locals[0]).idx.signing_key_id}@mcp-orchestration.invalid`,
    when: deps.now(),
  });
  await pushCommit(repo, remote.url, commit);
  await setRef(repo, TRACKING, commit);
  await setRef(repo, SEEN, commit);
  // The pulled mark moves to this commit only when its parent is the commit this machine last pulled
  // (or the remote was empty and nothing was pulled): otherwise the commits between (pushed by others,
  // never verified here) would be skipped by the next pull. It stays, and the next pull examines the
  // whole range, this push's own paths included (which verify as they are).
  const advance = tip === pulled.commit;
  const next: PulledState = {
    commit: advance ? commit : pulled.commit,
    profiles: { ...pulled.profiles },
    unsettled: { ...pulled.unsettled },
  };
  for (const p of profiles) {
    next.profiles[`${p.client_id}/${p.profile_id}`] = { version: p.version, artifact_id: p.artifact_id };
    delete next.unsettled![`${p.client_id}/${p.profile_id}`];
  }
  await writePulled(deps, remote.name, next);
  return { ...base, status: "pushed", commit, message, artifacts_added: added, files_written: files.length };
}

function firstDifference(a: { artifact_id: string }[], b: { artifact_id: string }[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].artifact_id === b[i].artifact_id) i++;
  return i + 1;
}

/** The paths of `files` the remote's tip does not hold with exactly these bytes (all of them without a
 * tip): compared by git object id, nothing read. */
async function remoteDiffers(
  repo: Awaited<ReturnType<typeof scratchRepo>>,
  tip: string | null,
  files: NewFile[],
): Promise<Set<string>> {
  if (!tip) return new Set(files.map((f) => f.path));
  const there = await objectSizes(repo, files.map((f) => `${tip}:${f.path}`));
  const out = new Set<string>();
  for (const f of files) {
    const o = there.get(`${tip}:${f.path}`);
    if (!o || o.type !== "blob" || o.oid !== (await blobId(f.bytes, o.oid.length))) out.add(f.path);
  }
  return out;
}

/** The commit message: the changelog of every version pushed, per profile (with no profile changed:
 * the files whose bytes the remote lacked, written again). */
function commitMessage(
  changed: { client: string; profile: string; idx: ProfileIndex }[],
  profiles: PushedProfile[],
  repaired: number,
): string {
  if (changed.length === 0) {
    return `Restore ${repaired} file(s) the remote held with other bytes\n\n${
      profiles.map((p) => `${p.client_id}/${p.profile_id} v${p.version}`).join("\n")
    }\n`;
  }
  const parts = changed.map((p) => {
    const from = profiles.find((x) =>
      x.client_id === p.client && x.profile_id === p.profile
    )?.remote_version ?? 0;
    const fresh = p.idx.entries.slice(from);
    const latest = fresh.at(-1)!;
    const first = (latest.changelog.split("\n")[0] || "no changelog").slice(0, 72);
    return {
      subject: `${p.client}/${p.profile} v${latest.version}: ${first}`,
      body: fresh.map((e) =>
        `${p.client}/${p.profile} v${e.version} (${e.artifact_id.slice(0, 12)}): ${
          e.changelog || "no changelog"
        }`
      ),
    };
  });
  const subject = parts.length === 1 ? parts[0].subject : `Publish ${parts.length} profiles`;
  return `${subject}\n\n${parts.flatMap((p) => p.body).join("\n")}\n`;
}
