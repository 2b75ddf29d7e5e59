/**
 * rollback: deploy an earlier artifact through the same protocol (default: the one before the
 * current), or `--restore DEPLOYMENT_ID`: put back the exact pre-image bytes of that deployment when the
 * file has not changed since.
 */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import {
  authenticate,
  type DeploymentRecord,
  findDeployment,
  newDeploymentId,
  readDeployments,
} from "../store/deployments.ts";
import { loadBackup } from "../store/backups.ts";
import { readSecretBook } from "../store/secrets.ts";
import { readConfigFile } from "../deploy/config_file.ts";
import { commitFileWrite } from "../deploy/file_commit.ts";
import { settleClient, withConfigLock } from "../deploy/pending.ts";
import { artifactToDeploy } from "../deploy/deploy_artifact.ts";
import { applyArtifact, checkSecretsMode, type DeployResult } from "../deploy/apply.ts";
import { recordedTarget, resolveTarget, type TargetOptions } from "../deploy/deploy_target.ts";
import type { ClientRecord } from "../clients/types.ts";
import { redactSecretAssignments, redactText } from "../core/redact.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/rollback.ts";

/** Client, what to go back to (to, artifactId, restore), dry run, force, target file, secrets mode: see
 * specs/rollback.ts. */
export type RollbackInput = InputOf<typeof spec>;

export interface RestoreResult {
  /** `dry_run`: the checks passed and nothing was written (no file, no log line). */
  status: "restored" | "dry_run";
  client_id: string;
  config_path: string;
  /** The restore's own deployment id; null for a dry run. */
  deployment_id: string | null;
  restored_from: string;
  restored_sha256: string | null;
  restart_hint: string;
  /** With --dry-run: the change the restore would make (secret values redacted); empty when none. */
  diff?: string;
}

export async function rollback(deps: Deps, input: RollbackInput): Promise<DeployResult | RestoreResult> {
  const client = getClient(checkName("client", input.client));
  if (input.restore !== undefined) return await restore(deps, client, input.restore, input);
  if (input.to !== undefined && input.artifactId !== undefined) {
    throw new AppError("invalid_input", "Give --to or --artifact-id, not both");
  }
  // A named target (its project folder checked) before anything is settled or read.
  const explicit = input.configPath !== undefined || input.scope !== undefined ||
    input.projectDir !== undefined;
  const named = explicit ? (await resolveTarget(deps, client, input)).path : undefined;
  await settleClient(deps, client.id);
  const records = (await readDeployments(deps, client.id)).filter((r) => r.action !== "connect");
  const latest = records.at(-1);
  // The file comes from this command line, or from the log but only among this client's own files.
  const path = explicit
    ? named
    : latest && (await recordedTarget(deps, client, input, latest, "a rollback")).path;
  const forPath = records.filter((r) => r.config_path === path);
  const current = forPath.at(-1);
  if (!path || !current) {
    throw new AppError(
      "deployment_not_found",
      `Nothing was deployed to "${client.id}" yet: nothing to roll back`,
      {
        client_id: client.id,
      },
    );
  }
  await authenticate(current);
  let artifactRef: string;
  let profile = current.profile_id;
  let from: string | undefined;
  if (input.to !== undefined) {
    const r = await findDeployment(deps, input.to, client.id);
    if (r.client_id !== client.id || r.config_path !== path || !r.artifact_id) {
      throw new AppError(
        "invalid_input",
        `Deployment "${input.to}" is not a deployment of an artifact to this file`,
        {
          deployment_id: input.to,
          config_path: path,
        },
      );
    }
    await authenticate(r);
    artifactRef = r.artifact_id;
    profile = r.profile_id;
    from = r.deployment_id;
  } else if (input.artifactId !== undefined) {
    artifactRef = input.artifactId;
  } else {
    const prev = [...forPath].reverse().find((r) => r.artifact_id && r.artifact_id !== current.artifact_id);
    if (!prev) {
      throw new AppError(
        "deployment_not_found",
        `No earlier artifact was deployed to "${path}": nothing to roll back to`,
        {
          client_id: client.id,
          config_path: path,
        },
      );
    }
    await authenticate(prev);
    artifactRef = prev.artifact_id!;
    profile = prev.profile_id;
    from = prev.deployment_id;
  }
  const { artifact, version, witness, trusted } = await artifactToDeploy(
    deps,
    client.id,
    profile,
    artifactRef,
  );
  return await applyArtifact(deps, {
    client,
    profile,
    target: { path, scope: current.scope },
    artifact,
    dryRun: input.dryRun ?? false,
    force: input.force ?? false,
    secrets: checkSecretsMode(input.secrets ?? current.secrets),
    action: "rollback",
    restoredFrom: from,
    indexVersion: version,
    witness,
    trusted,
  });
}

async function restore(
  deps: Deps,
  client: ClientRecord,
  id: string,
  input: TargetOptions & { dryRun?: boolean },
): Promise<RestoreResult> {
  const clientId = client.id;
  const hint = client.restartHint;
  const r = await findDeployment(deps, id, clientId);
  if (r.client_id !== clientId) {
    throw new AppError(
      "invalid_input",
      `Deployment "${id}" belongs to client "${r.client_id}", not "${clientId}"`,
    );
  }
  // The record must be the one we signed, and (whatever the log says) name a file this invocation may
  // write for this client.
  await authenticate(r);
  await recordedTarget(deps, client, input, r, `restoring deployment "${r.deployment_id}"`);
  return await withConfigLock(deps, r.config_path, async (lockName) => {
    const now = await readConfigFile(deps, r.config_path);
    if (now.sha256 !== r.post_image_sha256) {
      throw new AppError(
        "drift_detected",
        `Cannot restore the file as it was before deployment "${r.deployment_id}": "${r.config_path}" changed since that deployment`,
        {
          deployment_id: r.deployment_id,
          expected_sha256: r.post_image_sha256,
          actual_sha256: now.sha256,
          hint: "use rollback (without --restore) to deploy an earlier artifact instead",
        },
      );
    }
    const book = await readSecretBook(deps);
    const bytes = r.pre_image_sha256 === null ? null : await loadBackup(deps, r.pre_image_sha256, book);
    const history = (await readDeployments(deps, clientId)).filter((x) => x.config_path === r.config_path);
    const before = history[history.findIndex((x) => x.deployment_id === r.deployment_id) - 1] as
      | DeploymentRecord
      | undefined;
    if (before) await authenticate(before);
    if (input.dryRun) {
      // Every check above ran (record signed, file unchanged since, backup intact); nothing is written.
      const { unifiedDiff } = await load<typeof import("../core/text_diff.ts")>("../core/text_diff.ts");
      const values = [...Object.values(book.values), ...Object.values(book.retired).flat()];
      return {
        status: "dry_run",
        client_id: clientId,
        config_path: r.config_path,
        deployment_id: null,
        restored_from: r.deployment_id,
        restored_sha256: r.pre_image_sha256,
        restart_hint: hint,
        diff: redactSecretAssignments(
          redactText(unifiedDiff(exactText(now.bytes), exactText(bytes), r.config_path), values),
        ),
      };
    }
    const rec: DeploymentRecord = {
      deployment_id: newDeploymentId(deps.now()),
      action: "restore",
      client_id: clientId,
      profile_id: before?.profile_id ?? r.profile_id,
      artifact_id: before?.artifact_id ?? null,
      config_path: r.config_path,
      scope: r.scope,
      deployed_at: deps.now().toISOString(),
      managed: before?.managed ?? {},
      changes: { added: [], updated: [], removed: [] },
      pre_image_sha256: now.sha256,
      post_image_sha256: r.pre_image_sha256 ?? "",
      forced: false,
      // The bytes put back were written by `before`: its secrets mode (remembered by the next plain deploy)
      // and the hashes of the values it wrote (status: secret rotated) describe them.
      secrets: before?.secrets ?? r.secrets,
      ...(before?.secret_hashes ? { secret_hashes: before.secret_hashes } : {}),
      restored_from: r.deployment_id,
    };
    await commitFileWrite(deps, lockName, now, bytes, rec, { newFileMode: 0o600 });
    return {
      status: "restored",
      client_id: clientId,
      config_path: r.config_path,
      deployment_id: rec.deployment_id,
      restored_from: r.deployment_id,
      restored_sha256: r.pre_image_sha256,
      restart_hint: hint,
    };
  });
}

/** jsdiff, loaded only where a diff is shown. */
const load = <T>(path: string): Promise<T> => import(new URL(path, import.meta.url).href);
const withBom = new TextDecoder("utf-8", { ignoreBOM: true });
/** The file's text exactly as on disk (a BOM kept), so that the diff applies to it. */
const exactText = (bytes: Uint8Array | null) => bytes ? withBom.decode(bytes) : "";
