/** get-config: the latest (or a given) artifact of a client/profile, verified. */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { type Artifact, resolveArtifactId } from "../store/artifacts.ts";
import { trustedKeys } from "../store/keys.ts";
import { type IndexEntry, readIndex } from "../store/profile_index.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";

export interface GetConfigResult extends Artifact {
  version: number;
  changelog: string;
}

/** Finds the index entry for a client/profile (latest, or the artifact ref given). */
export async function findPublished(
  deps: Deps,
  client: string,
  profile: string,
  artifactRef?: string,
): Promise<{ entry: IndexEntry; trusted: Map<string, string>; legacy: boolean }> {
  checkName("client", client);
  checkName("profile", profile);
  const trusted = await trustedKeys(deps);
  const idx = await readIndex(deps, client, profile, trusted);
  if (!idx || idx.entries.length === 0) {
    throw new AppError(
      "profile_not_found",
      `Nothing published for "${client}/${profile}": run publish-config first`,
      {
        client_id: client,
        profile_id: profile,
      },
    );
  }
  const legacy = idx.legacy === true;
  if (artifactRef === undefined) return { entry: idx.entries.at(-1)!, trusted, legacy };
  const id = await resolveArtifactId(deps, artifactRef).catch((e) => {
    if (e instanceof AppError && e.code === "artifact_not_found") return "";
    throw e;
  });
  const entry = [...idx.entries].reverse().find((e) => e.artifact_id === id);
  if (!entry) {
    throw new AppError(
      "artifact_not_found",
      `Artifact "${artifactRef}" was never published for "${client}/${profile}"`,
      { artifact_id: artifactRef, client_id: client, profile_id: profile },
    );
  }
  return { entry, trusted, legacy };
}

export async function getConfig(
  deps: Deps,
  input: { client: string; profile?: string; artifactId?: string },
): Promise<GetConfigResult> {
  const profile = input.profile ?? "default";
  const { entry, trusted } = await findPublished(deps, input.client, profile, input.artifactId);
  const a = await verifyArtifact(deps, entry.artifact_id, trusted);
  return { ...a, version: entry.version, changelog: entry.changelog };
}
