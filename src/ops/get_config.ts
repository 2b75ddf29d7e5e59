/** get-config: the latest (or a given) artifact of a client/profile, verified. */
import { getClient } from "../clients/registry.ts";
import { checkName } from "../core/names.ts";
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
  // A malformed name is invalid_input; an unknown client client_not_found, not "nothing published".
  getClient(checkName("client", input.client));
  const { entry, trusted } = await findPublished(deps, input.client, profile, input.artifactId);
  const a = await verifyArtifact(deps, entry.artifact_id, trusted);
  return { ...a, version: entry.version, changelog: entry.changelog };
}
