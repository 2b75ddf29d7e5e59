/** Full verification of a stored artifact: exact bytes, id = hash of payload, both signatures by a
 * trusted key. Every failure is `signature_invalid` or `integrity_error` (exit 5). */
import { canonicalBytes } from "../core/canonical_json.ts";
import { sha256Hex } from "../core/digest.ts";
import { AppError } from "../core/errors.ts";
import { verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { type Artifact, isExactSerialization, recordBytes } from "./artifacts.ts";
import { keyOf, recall, remember } from "./verified_cache.ts";
import { readJson } from "./json_file.ts";
import { layout } from "./layout.ts";

const FIELDS = [
  "artifact_id",
  "client_id",
  "profile_id",
  "created_at",
  "payload",
  "signature",
  "signing_key_id",
  "metadata",
  "record_signature",
];

/** Reads and verifies artifact `id` (full id); throws on any mismatch. */
export async function verifyArtifact(deps: Deps, id: string, trusted: Map<string, string>): Promise<Artifact> {
  let got;
  try {
    got = await readJson<Artifact>(deps.fs, layout(deps.home).artifact(id), (text) => {
      const key = keyOf(text);
      const hit = key === undefined ? undefined : recall<Artifact>(text, trusted.get(key));
      return hit && hit.artifact_id === id ? hit : undefined;
    });
  } catch (e) {
    // Invalid JSON is damage to the artifact; a failed read (io_error) is not, and keeps its code.
    if (e instanceof AppError && e.code === "integrity_error") throw new AppError("integrity_error", e.message, { artifact_id: id });
    throw e;
  }
  if (!got) throw new AppError("artifact_not_found", `No artifact "${id}" in the store`, { artifact_id: id });
  if (got.cached) return got.value;
  const a = got.value;
  const fail = (code: "integrity_error" | "signature_invalid" | "untrusted_key", why: string) =>
    new AppError(code, `Artifact "${id.slice(0, 12)}…" fails verification: ${why}`, { artifact_id: id, reason: why });
  if (!a || typeof a !== "object" || Array.isArray(a)) throw fail("integrity_error", "malformed record");
  const keys = Object.keys(a);
  if (keys.length !== FIELDS.length || !FIELDS.every((f) => keys.includes(f))) {
    throw fail("integrity_error", "unexpected or missing fields");
  }
  if (!isExactSerialization(a, got.text)) throw fail("integrity_error", "the file's bytes were altered");
  if (a.artifact_id !== id) throw fail("integrity_error", "the record names another id");
  if (typeof a.payload !== "object" || a.payload === null) throw fail("integrity_error", "no payload");
  // The canonical payload is computed once: it is both what the id hashes and what the signature signs.
  const payloadBytes = canonicalBytes(a.payload);
  if ((await sha256Hex(payloadBytes)) !== id) throw fail("integrity_error", "the payload hash does not match the id");
  const pem = trusted.get(a.signing_key_id);
  if (!pem) throw fail("untrusted_key", `signed by the untrusted key "${a.signing_key_id}"`);
  if (!(await verify(pem, payloadBytes, String(a.signature)))) {
    throw fail("signature_invalid", "the payload signature does not match");
  }
  if (!(await verify(pem, recordBytes(a), String(a.record_signature)))) {
    throw fail("signature_invalid", "the record signature does not match");
  }
  remember(got.text, pem, a);
  return a;
}
