/**
 * The high-water mark of each profile index: `heads/<client>/<profile>.json`, a signed record of the
 * newest version published (its number and artifact id), written after the index by every publish. A
 * profile index is accepted only when it reaches that version with that artifact, so an older signed
 * index copied over a newer one (a restored backup, a sync tool, an attacker replaying a file) is
 * refused with `index_invalid`, although its own signature is good. The head lives outside `index/`, so
 * restoring that folder from an old copy does not bring an old head along. See RELIABILITY.md.
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

/** The signed high-water mark of one profile index. */
export interface IndexHead {
  client_id: string;
  profile_id: string;
  version: number;
  artifact_id: string;
  signing_key_id: string;
  signature: string;
}

/** The entries of an index the head is checked against. */
interface Listed {
  entries: { version: number; artifact_id: string }[];
}

function signedPart(h: Omit<IndexHead, "signature">): Uint8Array {
  return canonicalBytes({
    kind: "index-head",
    client_id: h.client_id,
    profile_id: h.profile_id,
    version: h.version,
    artifact_id: h.artifact_id,
    signing_key_id: h.signing_key_id,
  });
}

/** Records `version`/`artifact_id` as the newest publish of client/profile. */
export async function writeHead(
  deps: Deps,
  signer: Signer,
  client: string,
  profile: string,
  latest: { version: number; artifact_id: string },
): Promise<void> {
  const unsigned = {
    client_id: client,
    profile_id: profile,
    version: latest.version,
    artifact_id: latest.artifact_id,
    signing_key_id: signer.keyId,
  };
  const head: IndexHead = { ...unsigned, signature: await sign(signer.privatePem, signedPart(unsigned)) };
  await writeJson(deps.fs, layout(deps.home).head(client, profile), head);
}

/** The verified head of client/profile, or null when none was written (a store from before heads). */
export async function readHead(
  deps: Deps,
  client: string,
  profile: string,
  trusted: Map<string, string>,
): Promise<IndexHead | null> {
  const path = layout(deps.home).head(client, profile);
  const got = await readJson<IndexHead>(deps.fs, path, (text) => {
    const key = keyOf(deps.cache, text);
    const hit = key === undefined ? undefined : recall<IndexHead>(deps.cache, text, trusted.get(key));
    return hit && hit.client_id === client && hit.profile_id === profile ? hit : undefined;
  }, deps);
  if (!got) return null;
  if (got.cached) return got.value;
  const h = got.value;
  const bad = (why: string) =>
    new AppError("index_invalid", `The index head of "${client}/${profile}" fails verification: ${why}`, {
      path,
      client_id: client,
      profile_id: profile,
    });
  if (!h || typeof h !== "object" || !Number.isInteger(h.version) || typeof h.artifact_id !== "string") {
    throw bad("malformed record");
  }
  if (!isExactSerialization(h, got.text)) throw bad("the file's bytes were altered");
  if (h.client_id !== client || h.profile_id !== profile) throw bad("it names another client or profile");
  const pem = trusted.get(h.signing_key_id);
  if (!pem) throw bad(`signed by the untrusted key "${h.signing_key_id}"`);
  if (!(await verify(pem, signedPart(h), String(h.signature)))) throw bad("the signature does not match");
  remember(deps.cache, got.text, pem, h);
  return h;
}

/** Throws `index_invalid` when the index (null: missing) does not reach `head`: it is older than the
 * newest version published. */
export function checkAgainst(deps: Deps, head: IndexHead, idx: Listed | null): void {
  const client = head.client_id;
  const profile = head.profile_id;
  const path = layout(deps.home).index(client, profile);
  const have = idx?.entries.length ?? 0;
  const refuse = (why: string) =>
    new AppError("index_invalid", `The profile index of "${client}/${profile}" is refused: ${why}`, {
      path,
      client_id: client,
      profile_id: profile,
      head_version: head.version,
      index_version: have,
      hint:
        "an older copy of the index replaced the newer one; put the newer index back (or publish again after checking why)",
    });
  if (have < head.version) {
    throw refuse(
      idx
        ? `it ends at version ${have}, but version ${head.version} was published`
        : `it is missing, but version ${head.version} was published`,
    );
  }
  if (idx!.entries[head.version - 1].artifact_id !== head.artifact_id) {
    throw refuse(`its version ${head.version} is not the artifact published as version ${head.version}`);
  }
}
