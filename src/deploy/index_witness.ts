/**
 * The deployment log as a second witness of each profile index's history: every deployment of an
 * artifact taken from client/profile's index records its version there (`index_version`). An index on
 * disk that lacks that version, or holds another artifact under it, was replaced by an older copy
 * (together with its head, or the head check would have caught it): deploy refuses it.
 */
import { AppError } from "../core/errors.ts";
import type { DeploymentRecord } from "../store/deployments.ts";
import type { ProfileIndex } from "../store/profile_index.ts";

/** The first logged deployment whose version the index does not hold as logged, or null. */
export function contradiction(
  records: DeploymentRecord[],
  profile: string,
  idx: ProfileIndex | null,
): DeploymentRecord | null {
  for (const r of records) {
    if (r.profile_id !== profile || !r.index_version || !r.artifact_id) continue;
    if (idx?.entries[r.index_version - 1]?.artifact_id !== r.artifact_id) return r;
  }
  return null;
}

/** Throws `index_invalid` when `records` (the client's deployment log) show the index reached a version
 * it does not have. Deploys check it under the file's lock, on the log they read there. */
export function checkLogWitness(
  records: DeploymentRecord[],
  client: string,
  profile: string,
  idx: ProfileIndex | null,
): void {
  const r = contradiction(records, profile, idx);
  if (!r) return;
  throw new AppError(
    "index_invalid",
    `The profile index of "${client}/${profile}" is refused: deployment ${r.deployment_id} used its version ${r.index_version}, which it ${
      idx && idx.entries.length >= r.index_version! ? "lists with another artifact" : "does not reach"
    }`,
    {
      client_id: client,
      profile_id: profile,
      deployment_id: r.deployment_id,
      index_version: idx?.entries.length ?? 0,
      hint: "an older copy of the index replaced the newer one; put the newer index back",
    },
  );
}
