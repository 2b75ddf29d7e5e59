/** history, deployment details and a profile's history: every deployment of a client (and every
 * publish of a profile), newest first. */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { type DeploymentRecord, findDeployment } from "../store/deployments.ts";
import { trustedKeys } from "../store/keys.ts";
import { type IndexEntry, readIndex } from "../store/profile_index.ts";
import { deploymentsOf } from "../deploy/pending.ts";

export async function history(
  deps: Deps,
  input: { client: string; profile?: string; limit?: number },
): Promise<{ client_id: string; total: number; count: number; deployments: DeploymentRecord[] }> {
  const client = getClient(checkName("client", input.client)).id;
  if (input.profile !== undefined) checkName("profile", input.profile);
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AppError(
      "invalid_input",
      `--limit must be a positive whole number, not ${JSON.stringify(input.limit)}`,
    );
  }
  const all = (await deploymentsOf(deps, client))
    .filter((r) => input.profile === undefined || r.profile_id === input.profile)
    .reverse();
  const deployments = all.slice(0, limit);
  return { client_id: client, total: all.length, count: deployments.length, deployments };
}

export function deploymentDetails(deps: Deps, input: { deploymentId: string }): Promise<DeploymentRecord> {
  return findDeployment(deps, input.deploymentId);
}

/** Every published version (signed profile index) and every deployment of one client/profile, newest
 * first (`config://{client_id}/{profile_id}/history`). */
export async function profileHistory(
  deps: Deps,
  input: { client: string; profile: string },
): Promise<
  { client_id: string; profile_id: string; published: IndexEntry[]; deployments: DeploymentRecord[] }
> {
  const client = checkName("client", input.client);
  const profile = checkName("profile", input.profile);
  const idx = await readIndex(deps, client, profile, await trustedKeys(deps));
  const deployed = await history(deps, { client, profile, limit: Number.MAX_SAFE_INTEGER });
  return {
    client_id: client,
    profile_id: profile,
    published: [...(idx?.entries ?? [])].reverse(),
    deployments: deployed.deployments,
  };
}
