/**
 * The signed profile index `index/<client>/<profile>.json`: every publish of that profile (version,
 * artifact id, changelog, time), signed as a whole, so an artifact is bound to its client, profile
 * and version and cannot be passed off as another profile's. An index older than the newest version
 * published (index_head.ts) is refused.
 */
import { canonicalBytes } from "../core/canonical_json.ts";
import { AppError } from "../core/errors.ts";
import { sign, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { isExactSerialization } from "./artifacts.ts";
import { readJson, writeJson } from "./json_file.ts";
import { identity, settled } from "../platform/cache.ts";
import type { Signer } from "./keys.ts";
import { layout } from "./layout.ts";
import { keyOf, recall, remember } from "./verified_cache.ts";
import { checkAgainst, readHead, writeHead } from "./index_head.ts";

export interface IndexEntry {
  version: number;
  artifact_id: string;
  changelog: string;
  created_at: string;
  server_count: number;
}

export interface ProfileIndex {
  client_id: string;
  profile_id: string;
  entries: IndexEntry[];
  signing_key_id: string;
  signature: string;
  /** Set in memory (never stored) when the file is the Python tool's unsigned index
   * `{client_id, profile_id, latest_artifact_id, updated_at}`, read as a one-entry history. */
  legacy?: true;
}

function signedPart(i: Omit<ProfileIndex, "signature"> | ProfileIndex): Uint8Array {
  return canonicalBytes({
    client_id: i.client_id,
    profile_id: i.profile_id,
    entries: i.entries,
    signing_key_id: i.signing_key_id,
  });
}

/** Reads and verifies the index (null when the profile was never published), and checks it is not older
 * than its head. A publish writes the index, then the head: a reader that read the index just before a
 * publish and the head just after sees a head ahead of its index, so the index is read once more (any
 * read after the head read is at least as new) before it is refused. */
export async function readIndex(
  deps: Deps,
  client: string,
  profile: string,
  trusted: Map<string, string>,
): Promise<ProfileIndex | null> {
  // The pair (index, head) checked before, with both files' identities unchanged (see json_file.ts):
  // the same answer without reading either again.
  const l = layout(deps.home);
  const [is, hs] = [
    await deps.fs.stat(l.index(client, profile)),
    await deps.fs.stat(l.head(client, profile)),
  ];
  const nowMs = deps.now().getTime();
  const ids = is && hs && settled(is.mtimeMs, nowMs) && settled(hs.mtimeMs, nowMs)
    ? `${identity(is)}|${identity(hs)}`
    : null;
  const pairs = deps.cache.memo<{ value: ProfileIndex; pem: string }>("indexPairs");
  const memo = ids ? pairs.get(`${client}/${profile}`, ids) : undefined;
  if (memo && trusted.get(memo.value.signing_key_id) === memo.pem) return memo.value;
  const value = await readIndexChecked(deps, client, profile, trusted);
  const pem = value ? trusted.get(value.signing_key_id) : undefined;
  if (ids && value && pem && !ids.includes("null")) pairs.set(`${client}/${profile}`, ids, { value, pem });
  return value;
}

async function readIndexChecked(
  deps: Deps,
  client: string,
  profile: string,
  trusted: Map<string, string>,
): Promise<ProfileIndex | null> {
  const first = await readIndexFile(deps, client, profile, trusted);
  const head = await readHead(deps, client, profile, trusted);
  if (!head) return first;
  if (first?.legacy) {
    // A head is written only by our publishes, and every publish replaces a legacy index with a signed
    // one: a legacy index beside a head is an old file put back.
    const again = await readIndexFile(deps, client, profile, trusted);
    if (again?.legacy) throw legacyAfterHead(deps, client, profile);
    checkAgainst(deps, head, again);
    return again;
  }
  try {
    checkAgainst(deps, head, first);
    return first;
  } catch {
    const again = await readIndexFile(deps, client, profile, trusted);
    if (again?.legacy) throw legacyAfterHead(deps, client, profile);
    checkAgainst(deps, head, again);
    return again;
  }
}

function legacyAfterHead(deps: Deps, client: string, profile: string): AppError {
  return new AppError(
    "index_invalid",
    `The profile index of "${client}/${profile}" is refused: it is in the Python tool's unsigned form, but a signed version of it was published here`,
    {
      path: layout(deps.home).index(client, profile),
      client_id: client,
      profile_id: profile,
      hint:
        "an older copy of the index replaced the newer one; put the newer index back (or publish again after checking why)",
    },
  );
}

const LEGACY_INDEX_FIELDS = ["client_id", "profile_id", "latest_artifact_id", "updated_at"];

/** The Python tool's profile index, `{client_id, profile_id, latest_artifact_id, updated_at}` (any JSON
 * formatting), as a one-entry history; null when the record is not in that form. Nothing in it is
 * signed: the artifact it names is verified on its own (payload hash and signature) wherever it is used.
 * `server_count` and `changelog` come from that artifact's file, for display only. */
async function readLegacyIndex(deps: Deps, idx: unknown): Promise<ProfileIndex | null> {
  if (!idx || typeof idx !== "object" || Array.isArray(idx)) return null;
  const r = idx as Record<string, unknown>;
  const keys = Object.keys(r);
  if (keys.length !== LEGACY_INDEX_FIELDS.length || !LEGACY_INDEX_FIELDS.every((k) => keys.includes(k))) {
    return null;
  }
  if (typeof r.latest_artifact_id !== "string" || !/^[0-9a-f]{64}$/.test(r.latest_artifact_id)) return null;
  if (
    typeof r.updated_at !== "string" || typeof r.client_id !== "string" || typeof r.profile_id !== "string"
  ) return null;
  let server_count = 0;
  let changelog = "";
  try {
    const a = (await readJson<{ payload?: { mcpServers?: unknown }; metadata?: { changelog?: unknown } }>(
      deps.fs,
      layout(deps.home).artifact(r.latest_artifact_id),
    ))?.value;
    const servers = a?.payload?.mcpServers;
    if (servers && typeof servers === "object") server_count = Object.keys(servers).length;
    if (typeof a?.metadata?.changelog === "string") changelog = a.metadata.changelog;
  } catch { /* a damaged artifact fails where it is used */ }
  return {
    client_id: r.client_id,
    profile_id: r.profile_id,
    entries: [{
      version: 1,
      artifact_id: r.latest_artifact_id,
      changelog,
      created_at: r.updated_at,
      server_count,
    }],
    signing_key_id: "",
    signature: "",
    legacy: true,
  };
}

/** Reads and verifies the index file alone (null when it does not exist). */
async function readIndexFile(
  deps: Deps,
  client: string,
  profile: string,
  trusted: Map<string, string>,
): Promise<ProfileIndex | null> {
  const path = layout(deps.home).index(client, profile);
  const got = await readJson<ProfileIndex>(deps.fs, path, (text) => {
    const key = keyOf(deps.cache, text);
    const hit = key === undefined ? undefined : recall<ProfileIndex>(deps.cache, text, trusted.get(key));
    return hit && hit.client_id === client && hit.profile_id === profile ? hit : undefined;
  }, deps);
  if (!got) return null;
  if (got.cached) return got.value;
  const idx = got.value;
  const bad = (why: string) =>
    new AppError("index_invalid", `The profile index of "${client}/${profile}" fails verification: ${why}`, {
      path,
      client_id: client,
      profile_id: profile,
    });
  if (idx && typeof idx === "object" && !("entries" in idx) && "latest_artifact_id" in idx) {
    const legacy = await readLegacyIndex(deps, idx);
    if (!legacy) throw bad("malformed record (not the Python tool's index either)");
    if (legacy.client_id !== client || legacy.profile_id !== profile) {
      throw bad("it names another client or profile");
    }
    return legacy;
  }
  if (!idx || typeof idx !== "object" || !Array.isArray(idx.entries)) throw bad("malformed record");
  if (!isExactSerialization(idx, got.text)) throw bad("the file's bytes were altered");
  if (idx.client_id !== client || idx.profile_id !== profile) throw bad("it names another client or profile");
  const pem = trusted.get(idx.signing_key_id);
  if (!pem) throw bad(`signed by the untrusted key "${idx.signing_key_id}"`);
  if (!(await verify(pem, signedPart(idx), idx.signature))) throw bad("the signature does not match");
  idx.entries.forEach((e, i) => {
    if (e.version !== i + 1) throw bad("versions are not consecutive");
  });
  remember(deps.cache, got.text, pem, idx);
  return idx;
}

/** Appends an entry and re-signs the index. */
export async function appendIndex(
  deps: Deps,
  signer: Signer,
  client: string,
  profile: string,
  previous: ProfileIndex | null,
  entry: Omit<IndexEntry, "version">,
): Promise<IndexEntry> {
  // A legacy (Python) history is carried over as it is and signed from now on.
  const entries = [...(previous?.entries ?? [])];
  const full: IndexEntry = { version: entries.length + 1, ...entry };
  entries.push(full);
  await signIndex(deps, signer, client, profile, entries);
  return full;
}

/** Writes `entries` as the signed index of client/profile, then its head (the last entry). The caller
 * has verified every artifact a carried-over legacy entry names. */
export async function signIndex(
  deps: Deps,
  signer: Signer,
  client: string,
  profile: string,
  entries: IndexEntry[],
): Promise<void> {
  const unsigned = { client_id: client, profile_id: profile, entries, signing_key_id: signer.keyId };
  const idx: ProfileIndex = { ...unsigned, signature: await sign(signer.privatePem, signedPart(unsigned)) };
  await writeJson(deps.fs, layout(deps.home).index(client, profile), idx);
  await writeHead(deps, signer, client, profile, entries.at(-1)!);
}

/** The newest version published of client/profile (null: never published), from its signed head alone:
 * one small signed file instead of the whole index and its head. The head is what an index is checked
 * against, so an older index put back cannot change this answer; `verify` and every command that uses
 * the index's entries still refuse such an index. A store from before heads (or the Python tool's)
 * falls back to the index. */
export async function latestPublished(
  deps: Deps,
  client: string,
  profile: string,
  trusted: Map<string, string>,
): Promise<{ version: number; artifact_id: string } | null> {
  const head = await readHead(deps, client, profile, trusted);
  if (head) return { version: head.version, artifact_id: head.artifact_id };
  return (await readIndex(deps, client, profile, trusted))?.entries.at(-1) ?? null;
}

/** Profiles with a published index for a client. */
export async function indexedProfiles(deps: Deps, client: string): Promise<string[]> {
  const names = await deps.fs.readDir(`${layout(deps.home).indexDir}/${client}`);
  return names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
}
