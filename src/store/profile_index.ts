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
  const first = await readIndexFile(deps, client, profile, trusted);
  const head = await readHead(deps, client, profile, trusted);
  if (!head) return first;
  try {
    checkAgainst(deps, head, first);
    return first;
  } catch {
    const again = await readIndexFile(deps, client, profile, trusted);
    checkAgainst(deps, head, again);
    return again;
  }
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
    const key = keyOf(text);
    const hit = key === undefined ? undefined : recall<ProfileIndex>(text, trusted.get(key));
    return hit && hit.client_id === client && hit.profile_id === profile ? hit : undefined;
  });
  if (!got) return null;
  if (got.cached) return got.value;
  const idx = got.value;
  const bad = (why: string) =>
    new AppError("index_invalid", `The profile index of "${client}/${profile}" fails verification: ${why}`, {
      path,
      client_id: client,
      profile_id: profile,
    });
  if (!idx || typeof idx !== "object" || !Array.isArray(idx.entries)) throw bad("malformed record");
  if (!isExactSerialization(idx, got.text)) throw bad("the file's bytes were altered");
  if (idx.client_id !== client || idx.profile_id !== profile) throw bad("it names another client or profile");
  const pem = trusted.get(idx.signing_key_id);
  if (!pem) throw bad(`signed by the untrusted key "${idx.signing_key_id}"`);
  if (!(await verify(pem, signedPart(idx), idx.signature))) throw bad("the signature does not match");
  idx.entries.forEach((e, i) => {
    if (e.version !== i + 1) throw bad("versions are not consecutive");
  });
  remember(got.text, pem, idx);
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
  const entries = [...(previous?.entries ?? [])];
  const full: IndexEntry = { version: entries.length + 1, ...entry };
  entries.push(full);
  const unsigned = { client_id: client, profile_id: profile, entries, signing_key_id: signer.keyId };
  const idx: ProfileIndex = { ...unsigned, signature: await sign(signer.privatePem, signedPart(unsigned)) };
  await writeJson(deps.fs, layout(deps.home).index(client, profile), idx);
  await writeHead(deps, signer, client, profile, full);
  return full;
}

/** Profiles with a published index for a client. */
export async function indexedProfiles(deps: Deps, client: string): Promise<string[]> {
  const names = await deps.fs.readDir(`${layout(deps.home).indexDir}/${client}`);
  return names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
}
