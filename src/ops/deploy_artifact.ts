/** The artifact a deploy uses: verified (hash, signatures, trusted key) and listed in a signed index
 * that is not older than its head or than a version the deployment log saw (index_witness.ts). */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { type Artifact, resolveArtifactId } from "../store/artifacts.ts";
import { trustedKeys } from "../store/keys.ts";
import { readIndex } from "../store/profile_index.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { findPublished } from "./get_config.ts";
import { whereIndexed } from "./verify.ts";
import { checkLogWitness } from "./index_witness.ts";

export interface ChosenArtifact {
  artifact: Artifact;
  /** The version in this client/profile's index, when it is listed there. */
  version: number | null;
}

export async function artifactToDeploy(
  deps: Deps,
  client: string,
  profile: string,
  ref?: string,
): Promise<ChosenArtifact> {
  const trusted = await trustedKeys(deps);
  await checkLogWitness(deps, client, profile, await readIndex(deps, client, profile, trusted));
  if (ref === undefined) {
    const { entry } = await findPublished(deps, client, profile);
    return { artifact: await verifyArtifact(deps, entry.artifact_id, trusted), version: entry.version };
  }
  const id = await resolveArtifactId(deps, ref);
  const own = (await readIndex(deps, client, profile, trusted))?.entries.findLast((e) => e.artifact_id === id);
  if (!own && (await whereIndexed(deps, id, trusted)).length === 0) {
    throw new AppError("index_invalid", `Artifact "${ref}" is not listed in any signed profile index: refusing to deploy it`, {
      artifact_id: id,
    });
  }
  return { artifact: await verifyArtifact(deps, id, trusted), version: own?.version ?? null };
}
