/**
 * sync: pull, then bring every client target of this machine up to the latest publish of the profile it
 * follows (status's `follows`/`behind`): a target is a client config file a profile was deployed to; it
 * follows its own client/profile, or, for an artifact deployed to another client, the client/profile
 * that published it. Each target gets its own result; one refusal (drift) stops none of the others; the
 * exit code is the worst (a pull with conflicts counts as 6). Nothing is deployed where nothing was.
 */
import { exitCodeFor, toErrorDocument } from "../core/errors.ts";
import { isName } from "../core/names.ts";
import { ready } from "../core/lazy.ts";
import { ALL_CLIENTS } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { applyArtifact, type DeployResult } from "../deploy/apply.ts";
import { artifactToDeploy } from "../deploy/deploy_artifact.ts";
import { deploymentsOf } from "../deploy/pending.ts";
import { resolveTarget } from "../deploy/deploy_target.ts";
import type { DeploymentRecord } from "../store/deployments.ts";
import { trustedKeys } from "../store/keys.ts";
import { layout } from "../store/layout.ts";
import { latestPublished } from "../store/profile_index.ts";
import { resolveRemote } from "../store/remotes.ts";
import { withSignerName } from "../store/trust_names.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { type PullOutcome, pullRemote } from "../share/pull.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/sync.ts";

export interface SyncDeploy {
  client_id: string;
  profile_id: string;
  follows: string;
  config_path: string;
  status: "deployed" | "unchanged" | "dry_run" | "up-to-date" | "refused";
  artifact_id: string | null;
  version: number | null;
  /** Server names the deploy adds, updates, removes and leaves (as deploy-config's); when it was tried. */
  changes?: DeployResult["changes"];
  /** A dry run: the exact change to the file, secret values redacted (deploy-config --dry-run's diff). */
  diff?: string;
  /** A dry run over drift: the deploy would stop with drift_detected; the diff is what --force writes. */
  needs_force?: boolean;
  warnings?: string[];
  error?: string;
  message?: string;
}

export interface SyncResult {
  pull: PullOutcome;
  deploys: SyncDeploy[];
  exit_code: number;
}

/** The last deployment to each config file of a client (connect records aside). */
function lastPerFile(records: DeploymentRecord[]): DeploymentRecord[] {
  const byPath = new Map<string, DeploymentRecord>();
  for (const r of records) if (r.action !== "connect") byPath.set(r.config_path, r);
  return [...byPath.values()];
}

async function followed(
  deps: Deps,
  last: DeploymentRecord,
  trusted: Map<string, string>,
): Promise<{ client: string; profile: string; own: boolean }> {
  const own = { client: last.client_id, profile: last.profile_id, own: true };
  if (last.artifact_id === null || last.index_version !== undefined) return own;
  try {
    const a = await verifyArtifact(deps, last.artifact_id, trusted);
    if (
      (a.client_id === last.client_id && a.profile_id === last.profile_id) || !isName(a.client_id) ||
      !isName(a.profile_id)
    ) {
      return own;
    }
    return { client: a.client_id, profile: a.profile_id, own: false };
  } catch {
    return own;
  }
}

async function syncTarget(
  deps: Deps,
  c: ClientRecord,
  last: DeploymentRecord,
  dryRun: boolean,
  trusted: Map<string, string>,
): Promise<SyncDeploy | null> {
  if (last.artifact_id === null) return null; // restored to the bytes before our first deploy
  const f = await followed(deps, last, trusted);
  const base = {
    client_id: c.id,
    profile_id: last.profile_id,
    follows: `${f.client}/${f.profile}`,
    config_path: last.config_path,
  };
  try {
    const latest = await latestPublished(deps, f.client, f.profile, trusted);
    if (!latest || latest.artifact_id === last.artifact_id) {
      return {
        ...base,
        status: "up-to-date",
        artifact_id: last.artifact_id,
        version: latest?.version ?? null,
      };
    }
    let userPath: string | null = null;
    try {
      userPath = c.configPath(deps.os, deps.env);
    } catch { /* no user file on this system */ }
    const target = await resolveTarget(
      deps,
      c,
      last.config_path === userPath ? {} : { configPath: last.config_path },
    );
    const chosen = await artifactToDeploy(
      deps,
      c.id,
      last.profile_id,
      f.own ? undefined : latest.artifact_id,
    );
    const r = await ready(
      await applyArtifact(deps, {
        client: c,
        profile: last.profile_id,
        target,
        artifact: chosen.artifact,
        dryRun,
        force: false,
        secrets: undefined,
        action: "deploy",
        indexVersion: chosen.version,
        witness: chosen.witness,
        trusted: chosen.trusted,
      }),
    );
    return {
      ...base,
      status: r.status,
      artifact_id: r.artifact_id,
      version: latest.version,
      changes: r.changes,
      // Read only for a dry run: a real deploy's diff is computed when read (it loads jsdiff).
      ...(dryRun ? { diff: r.diff ?? "" } : {}),
      ...(r.needs_force ? { needs_force: true } : {}),
      ...(r.warnings.length ? { warnings: r.warnings } : {}),
    };
  } catch (e) {
    // As a thrown error gets it (spec.ts call): a key removed from trust named, "(alice, no longer trusted)".
    const doc = toErrorDocument(await withSignerName(deps, e));
    return {
      ...base,
      status: "refused",
      artifact_id: null,
      version: null,
      error: doc.error,
      message: doc.message,
    };
  }
}

export async function sync(deps: Deps, input: InputOf<typeof spec>): Promise<SyncResult> {
  const remote = await resolveRemote(deps, input.remote);
  const pulled = await pullRemote(deps, remote, await trustedKeys(deps));
  const trusted = await trustedKeys(deps);
  const deploys: SyncDeploy[] = [];
  const logs = new Set(
    (await deps.fs.readDir(layout(deps.home).deploymentsDir)).filter((n) => n.endsWith(".jsonl"))
      .map((n) => n.slice(0, -6)),
  );
  for (const c of ALL_CLIENTS.filter((c) => logs.has(c.id))) {
    let records: DeploymentRecord[];
    try {
      records = await deploymentsOf(deps, c.id);
    } catch (e) {
      const doc = toErrorDocument(e);
      deploys.push({
        client_id: c.id,
        profile_id: "",
        follows: "",
        config_path: "",
        status: "refused",
        artifact_id: null,
        version: null,
        error: doc.error,
        message: doc.message,
      });
      continue;
    }
    for (const last of lastPerFile(records)) {
      const d = await syncTarget(deps, c, last, input.dryRun ?? false, trusted);
      if (d) deploys.push(d);
    }
  }
  // A dry run that would need --force (drift) counts as the conflict the real sync would meet, as it does
  // for deploy-config --dry-run and deploy-config --all --dry-run.
  const codes = deploys.map((d) =>
    d.status === "refused"
      ? exitCodeFor(d.error ?? "internal_error")
      : d.needs_force
      ? exitCodeFor("conflict")
      : 0
  );
  return {
    pull: pulled,
    deploys,
    exit_code: Math.max(0, pulled.conflicts > 0 ? exitCodeFor("conflict") : 0, ...codes),
  };
}
