/**
 * deploy-config: verify an artifact, render it for the target client, and apply the write protocol
 * (lock, read, plan the minimal edit, drift check, backup, compare-and-swap write, log): src/deploy/.
 */
import { checkName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import {
  applyArtifact,
  artifactToDeploy,
  checkSecretsMode,
  type DeployResult,
  resolveTarget,
} from "../deploy/mod.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/deploy_config.ts";

export type { DeployResult };

/** Client, profile, artifact, dry run, force, target file, secrets mode: see specs/deploy_config.ts. */
export type DeployInput = InputOf<typeof spec>;

export async function deploy(deps: Deps, input: DeployInput): Promise<DeployResult> {
  const client = getClient(checkName("client", input.client));
  const profile = checkName("profile", input.profile ?? "default");
  const target = await resolveTarget(deps, client, input);
  const { artifact, version, witness, trusted } = await artifactToDeploy(
    deps,
    client.id,
    profile,
    input.artifactId,
  );
  return await applyArtifact(deps, {
    client,
    profile,
    target,
    artifact,
    dryRun: input.dryRun ?? false,
    force: input.force ?? false,
    secrets: input.secrets === undefined ? undefined : checkSecretsMode(input.secrets),
    action: "deploy",
    indexVersion: version,
    witness,
    trusted,
  });
}
