/** verify: recompute an artifact's id, check its signatures against the trusted keys, and check that a
 * signed profile index lists it. Any failure is exit 5. */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { resolveArtifactId } from "../store/artifacts.ts";
import { trustedKeys } from "../store/keys.ts";
import { findPublished, whereIndexed } from "../store/published.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { ownKeyId, type SignerInfo, signerInfo, trustNames, withSignerName } from "../store/trust_names.ts";

export interface VerifyResult {
  status: "verified";
  artifact_id: string;
  signing_key_id: string;
  /** Who signed it: the key id, its trust name (trust add --name), whether it is this machine's key. */
  signer: SignerInfo;
  indexed_in: { client_id: string; profile_id: string; version: number; legacy?: true }[];
  checks: string[];
  /** True for an artifact of the Python tool: verified by its payload hash and payload signature only. */
  legacy: boolean;
  /** With `legacy`: the `signing_key_id` label in the file (`signing_key_id` is the verifying key). */
  legacy_key_label?: string;
}

export async function verifyOp(
  deps: Deps,
  input: { artifactId?: string; client?: string; profile?: string },
): Promise<VerifyResult> {
  const trusted = await trustedKeys(deps);
  try {
    return await verifyWith(deps, input, trusted);
  } catch (e) {
    throw await withSignerName(deps, e);
  }
}

async function verifyWith(
  deps: Deps,
  input: { artifactId?: string; client?: string; profile?: string },
  trusted: Map<string, string>,
): Promise<VerifyResult> {
  let id: string;
  let indexed: VerifyResult["indexed_in"];
  if (input.artifactId === undefined && input.client === undefined) {
    throw new AppError(
      "invalid_input",
      "Give an artifact id, or --client (and --profile) to verify the latest publish",
    );
  }
  if (input.client !== undefined) {
    const profile = input.profile ?? "default";
    const found = await findPublished(deps, checkName("client", input.client), profile, input.artifactId);
    id = found.entry.artifact_id;
    indexed = [{
      client_id: input.client,
      profile_id: profile,
      version: found.entry.version,
      ...(found.legacy ? { legacy: true as const } : {}),
    }];
  } else {
    id = await resolveArtifactId(deps, input.artifactId!);
    indexed = await whereIndexed(deps, id, trusted);
  }
  const a = await verifyArtifact(deps, id, trusted);
  if (indexed.length === 0) {
    throw new AppError(
      "index_invalid",
      `Artifact "${id.slice(0, 12)}…" is not listed in any signed profile index`,
      {
        artifact_id: id,
      },
    );
  }
  const signedIndex = indexed.some((i) => !i.legacy);
  const listed = signedIndex ? "signed index" : "listed in the Python tool's unsigned index";
  return {
    status: "verified",
    artifact_id: id,
    signing_key_id: a.signing_key_id,
    signer: signerInfo(a.signing_key_id, trusted, await trustNames(deps), await ownKeyId(deps)),
    indexed_in: indexed,
    checks: a.legacy
      ? ["id = sha256(canonical payload)", "payload signature (legacy artifact: no record signature)", listed]
      : ["exact bytes", "id = sha256(canonical payload)", "payload signature", "record signature", listed],
    legacy: a.legacy === true,
    ...(a.legacy ? { legacy_key_label: a.legacy_key_label } : {}),
  };
}
