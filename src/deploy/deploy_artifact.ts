/** The artifact a deploy uses: verified (hash, signatures, trusted key) and listed in a signed index
 * that is not older than its head (the deployment log's witness is checked under the lock: applyArtifact). */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { type Artifact, resolveArtifactId } from "../store/artifacts.ts";
import { trustedKeys } from "../store/keys.ts";
import { type ProfileIndex, readIndex } from "../store/profile_index.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { findPublished, whereIndexed } from "../store/published.ts";
import { isName } from "../core/names.ts";

export interface ChosenArtifact {
  artifact: Artifact;
  /** The version in this client/profile's index, when it is listed there. */
  version: number | null;
  /** The verified index of this client/profile (null: none), and a way to read it again (a publish may
   * have landed since): the deployment log is checked against it under the file's lock
   * (index_witness.ts, applyArtifact). */
  witness: IndexWitness;
  /** The trusted keys this choice was verified with: the deploy's one read of them, passed down. */
  trusted: Map<string, string>;
}

export interface IndexWitness {
  index: ProfileIndex | null;
  reread: () => Promise<ProfileIndex | null>;
}

export async function artifactToDeploy(
  deps: Deps,
  client: string,
  profile: string,
  ref?: string,
): Promise<ChosenArtifact> {
  const trusted = await trustedKeys(deps);
  const index = await readIndex(deps, client, profile, trusted);
  const witness = { index, reread: () => readIndex(deps, client, profile, trusted) };
  if (ref === undefined) {
    const { entry } = await findPublished(deps, client, profile, undefined, { trusted, index });
    return {
      artifact: await verifyArtifact(deps, entry.artifact_id, trusted),
      version: entry.version,
      witness,
      trusted,
    };
  }
  const id = await resolveArtifactId(deps, ref);
  const own = index?.entries.findLast((e) => e.artifact_id === id);
  const artifact = await verifyArtifact(deps, id, trusted);
  if (
    !own && !(await listedInOwnIndex(deps, artifact, trusted)) &&
    (await whereIndexed(deps, id, trusted)).length === 0
  ) {
    throw new AppError(
      "index_invalid",
      `Artifact "${ref}" is not listed in any signed profile index: refusing to deploy it`,
      {
        artifact_id: id,
      },
    );
  }
  return { artifact, version: own?.version ?? null, witness, trusted };
}

/** True when the index of the client and profile the (verified) artifact names lists it: one index to
 * read instead of every index of the store (whereIndexed), for the usual case of an artifact deployed
 * to another client or profile than its own. */
async function listedInOwnIndex(deps: Deps, a: Artifact, trusted: Map<string, string>): Promise<boolean> {
  if (!isName(a.client_id) || !isName(a.profile_id)) return false;
  return !!(await readIndex(deps, a.client_id, a.profile_id, trusted))?.entries.some((e) =>
    e.artifact_id === a.artifact_id
  );
}
