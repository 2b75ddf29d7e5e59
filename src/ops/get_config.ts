/** get-config: the latest (or a given) artifact of a client/profile, verified. */
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import type { Artifact } from "../store/artifacts.ts";
import { findPublished } from "../store/published.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/get_config.ts";

export interface GetConfigResult extends Artifact {
  version: number;
  changelog: string;
}

export async function getConfig(
  deps: Deps,
  input: InputOf<typeof spec>,
): Promise<GetConfigResult> {
  const profile = input.profile ?? "default";
  getClient(input.client); // an unknown client is client_not_found, not "nothing published"
  const { entry, trusted } = await findPublished(deps, input.client, profile, input.artifactId);
  const a = await verifyArtifact(deps, entry.artifact_id, trusted);
  return { ...a, version: entry.version, changelog: entry.changelog };
}
