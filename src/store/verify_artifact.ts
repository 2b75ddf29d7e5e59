/** Full verification of a stored artifact: exact bytes, id = hash of payload, both signatures by a
 * trusted key. Every failure is `signature_invalid` or `integrity_error` (exit 5).
 *
 * A legacy artifact (written by the Python mcp-orchestration: the same fields without
 * `record_signature`, any JSON formatting, `signing_key_id` a label such as "default") is accepted on
 * its payload alone: id = hash of the canonical payload, and `signature` verified by a trusted key
 * matched by public key. Its other fields (client, profile, time, metadata) are not signed and not
 * vouched for. It is returned with `legacy: true` and `signing_key_id` set to the fingerprint of the
 * trusted key that verified it; the file itself is never rewritten. */
import { canonicalBytes } from "../core/canonical_json.ts";
import { sha256Hex } from "../core/digest.ts";
import { AppError } from "../core/errors.ts";
import { verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import { type Artifact, isExactSerialization, recordBytes } from "./artifacts.ts";
import { keyOf, recall, remember } from "./verified_cache.ts";
import { readJson } from "./json_file.ts";
import { layout } from "./layout.ts";

const LEGACY_FIELDS = [
  "artifact_id",
  "client_id",
  "profile_id",
  "created_at",
  "payload",
  "signature",
  "signing_key_id",
  "metadata",
];

const FIELDS = [...LEGACY_FIELDS, "record_signature"];

/** Reads and verifies artifact `id` (full id); throws on any mismatch. */
export async function verifyArtifact(
  deps: Deps,
  id: string,
  trusted: Map<string, string>,
): Promise<Artifact> {
  let got;
  try {
    got = await readJson<Artifact>(deps.fs, layout(deps.home).artifact(id), (text) => {
      const key = keyOf(deps.cache, text);
      const hit = key === undefined ? undefined : recall<Artifact>(deps.cache, text, trusted.get(key));
      return hit && hit.artifact_id === id ? hit : undefined;
    }, deps);
  } catch (e) {
    // Invalid JSON is damage to the artifact; a failed read (io_error) is not, and keeps its code.
    if (e instanceof AppError && e.code === "integrity_error") {
      throw new AppError("integrity_error", e.message, { artifact_id: id });
    }
    throw e;
  }
  if (!got) throw new AppError("artifact_not_found", `No artifact "${id}" in the store`, { artifact_id: id });
  if (got.cached) return got.value;
  const a = got.value;
  const fail = (code: "integrity_error" | "signature_invalid" | "untrusted_key", why: string) =>
    new AppError(code, `Artifact "${id.slice(0, 12)}…" fails verification: ${why}`, {
      artifact_id: id,
      reason: why,
    });
  if (!a || typeof a !== "object" || Array.isArray(a)) throw fail("integrity_error", "malformed record");
  const keys = Object.keys(a);
  if (!keys.includes("record_signature")) return await verifyLegacy(id, a, trusted, fail);
  if (keys.length !== FIELDS.length || !FIELDS.every((f) => keys.includes(f))) {
    throw fail("integrity_error", "unexpected or missing fields");
  }
  if (!isExactSerialization(a, got.text)) throw fail("integrity_error", "the file's bytes were altered");
  if (a.artifact_id !== id) throw fail("integrity_error", "the record names another id");
  if (typeof a.payload !== "object" || a.payload === null) throw fail("integrity_error", "no payload");
  // The canonical payload is computed once: it is both what the id hashes and what the signature signs.
  const payloadBytes = canonicalBytes(a.payload);
  if ((await sha256Hex(payloadBytes)) !== id) {
    throw fail("integrity_error", "the payload hash does not match the id");
  }
  const pem = trusted.get(a.signing_key_id);
  if (!pem) throw fail("untrusted_key", `signed by the untrusted key "${a.signing_key_id}"`);
  if (!(await verify(pem, payloadBytes, String(a.signature)))) {
    throw fail("signature_invalid", "the payload signature does not match");
  }
  if (!(await verify(pem, recordBytes(a), String(a.record_signature)))) {
    throw fail("signature_invalid", "the record signature does not match");
  }
  remember(deps.cache, got.text, pem, a);
  return a;
}

type Fail = (code: "integrity_error" | "signature_invalid" | "untrusted_key", why: string) => AppError;

/** A Python-format artifact: checked on its payload (hash and payload signature) only. Not memoised:
 * its label is not a key id, so the cache could not look its key up. */
async function verifyLegacy(
  id: string,
  a: Artifact,
  trusted: Map<string, string>,
  fail: Fail,
): Promise<Artifact> {
  const keys = Object.keys(a);
  if (keys.length !== LEGACY_FIELDS.length || !LEGACY_FIELDS.every((f) => keys.includes(f))) {
    throw fail("integrity_error", "unexpected or missing fields");
  }
  if (a.artifact_id !== id) throw fail("integrity_error", "the record names another id");
  const isObj = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObj(a.payload)) throw fail("integrity_error", "no payload");
  if (
    !isObj(a.metadata) ||
    [a.client_id, a.profile_id, a.created_at, a.signature, a.signing_key_id].some((v) =>
      typeof v !== "string"
    )
  ) {
    throw fail("integrity_error", "malformed record");
  }
  const payloadBytes = canonicalBytes(a.payload);
  if ((await sha256Hex(payloadBytes)) !== id) {
    throw fail("integrity_error", "the payload hash does not match the id");
  }
  // The label is tried as a key id first (a key we trust by that id is the only candidate); otherwise
  // every trusted key is tried, and the one that verifies names the signer.
  const named = trusted.get(a.signing_key_id);
  const candidates = named ? [[a.signing_key_id, named]] : [...trusted.entries()];
  for (const [keyId, pem] of candidates) {
    if (await verify(pem, payloadBytes, a.signature)) {
      const { record_signature: _none, ...fields } = a;
      return {
        ...fields,
        signing_key_id: keyId,
        legacy: true,
        legacy_key_label: a.signing_key_id,
      } as unknown as Artifact;
    }
  }
  if (named) throw fail("signature_invalid", "the payload signature does not match (legacy artifact)");
  throw fail(
    "untrusted_key",
    `legacy artifact (signed as "${a.signing_key_id}"): no trusted key verifies its payload signature (run init to trust the Python tool's key)`,
  );
}
