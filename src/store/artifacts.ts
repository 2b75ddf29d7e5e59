/**
 * Signed, content-addressed artifacts: `artifacts/<id>.json`, id = SHA-256 of the canonical payload.
 * `signature` (the seed's field) signs the canonical payload; `record_signature` signs the canonical
 * form of every other field, so no byte of the record can change unnoticed. A stored artifact is never
 * rewritten.
 */
import { canonicalBytes } from "../core/canonical_json.ts";
import { artifactIdOf } from "../core/digest.ts";
import { AppError } from "../core/errors.ts";
import type { NeutralPayload } from "../core/neutral.ts";
import { checkArtifactRef } from "../core/names.ts";
import { sign } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { readJson, serialize, writeJson } from "./json_file.ts";
import type { Signer } from "./keys.ts";
import { layout } from "./layout.ts";

export interface Artifact {
  artifact_id: string;
  client_id: string;
  profile_id: string;
  created_at: string;
  payload: NeutralPayload;
  signature: string;
  signing_key_id: string;
  metadata: Record<string, unknown>;
  record_signature: string;
  /** Set in memory (never stored) on an artifact of the Python tool verified by its payload alone:
   * no `record_signature`; `signing_key_id` is then the fingerprint of the key that verified it. */
  legacy?: true;
  /** With `legacy`: the `signing_key_id` label the file holds. */
  legacy_key_label?: string;
}

/** The bytes `record_signature` covers: every field but itself, canonically. */
export function recordBytes(a: Omit<Artifact, "record_signature"> | Artifact): Uint8Array {
  const { record_signature: _drop, ...rest } = a as Artifact;
  return canonicalBytes(rest);
}

/** Builds and signs an artifact (pure apart from the clock value passed in). */
export async function buildArtifact(
  signer: Signer,
  fields: {
    client_id: string;
    profile_id: string;
    created_at: string;
    payload: NeutralPayload;
    metadata: Record<string, unknown>;
  },
): Promise<Artifact> {
  const artifact_id = await artifactIdOf(fields.payload);
  const unsigned = {
    artifact_id,
    client_id: fields.client_id,
    profile_id: fields.profile_id,
    created_at: fields.created_at,
    payload: fields.payload,
    signature: await sign(signer.privatePem, canonicalBytes(fields.payload)),
    signing_key_id: signer.keyId,
    metadata: fields.metadata,
  };
  return { ...unsigned, record_signature: await sign(signer.privatePem, recordBytes(unsigned)) };
}

/** Stores the artifact unless one with that id exists; returns what is stored and whether it is new. */
export async function putArtifact(
  deps: Deps,
  a: Artifact,
): Promise<{ artifact: Artifact; created: boolean }> {
  const existing = await readArtifactRaw(deps, a.artifact_id);
  if (existing) return { artifact: existing.value, created: false };
  await writeJson(deps.fs, layout(deps.home).artifact(a.artifact_id), a);
  return { artifact: a, created: true };
}

/** The stored record and its exact text, or null. */
export function readArtifactRaw(deps: Deps, id: string) {
  return readJson<Artifact>(deps.fs, layout(deps.home).artifact(id));
}

/** True when the text is exactly how this program writes the value (detects re-encoded bytes). */
export function isExactSerialization(value: unknown, text: string): boolean {
  return serialize(value) === text;
}

/** Every stored artifact id. */
export async function listArtifactIds(deps: Deps): Promise<string[]> {
  const names = await deps.fs.readDir(layout(deps.home).artifactsDir);
  return names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n)).map((n) => n.slice(0, 64));
}

/** Full id for an id or unique prefix (>= 8 hex): `invalid_input` when ambiguous, else not found. */
export async function resolveArtifactId(deps: Deps, ref: string): Promise<string> {
  const r = checkArtifactRef(ref);
  if (r.length === 64) return r;
  const matches = (await listArtifactIds(deps)).filter((id) => id.startsWith(r));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new AppError(
      "invalid_input",
      `Artifact prefix "${ref}" is ambiguous: ${matches.length} artifacts match`,
      {
        artifact_id: ref,
        matches,
      },
    );
  }
  throw new AppError("artifact_not_found", `No artifact "${ref}" in the store`, { artifact_id: ref });
}
