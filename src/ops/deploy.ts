/**
 * deploy-config: verify an artifact, render it for the target client, and apply the write protocol
 * (lock, read, plan the minimal edit, drift check, backup, compare-and-swap write, log): src/deploy/.
 * With several clients (`--client a --client b`, `--all`), one profile's artifact goes to each: every
 * client gets its own result (deployed, or refused with its error), one refusal stops none of the others.
 */
import { checkName } from "../core/names.ts";
import { AppError, exitCodeFor, toErrorDocument } from "../core/errors.ts";
import { ready } from "../core/lazy.ts";
import { ALL_CLIENTS, getClient } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { applyArtifact, checkSecretsMode, type DeployResult } from "../deploy/apply.ts";
import { artifactToDeploy } from "../deploy/deploy_artifact.ts";
import { clientInstalled } from "../deploy/client_file.ts";
import { resolveTarget } from "../deploy/deploy_target.ts";
import { indexedProfiles, latestPublished } from "../store/profile_index.ts";
import { layout } from "../store/layout.ts";
import { trustedKeys } from "../store/keys.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/deploy_config.ts";

export type { DeployResult };

/** Client, profile, artifact, dry run, force, target file, secrets mode: see specs/deploy_config.ts. */
export type DeployInput = InputOf<typeof spec>;

/** One client's outcome in a deploy to several. */
export type ClientOutcome =
  | (DeployResult & { ok: true })
  | { ok: false; client_id: string; status: "refused"; error: string; message: string; exit_code: number };

/**
 * A deploy to several clients: one result each, in the order given; `exit_code` is the worst of them
 * (a dry run that needs --force counts as 6, as it does for one client).
 */
export interface MultiDeployResult {
  profile_id: string;
  artifact_id: string;
  /** Where the artifact came from: the client/profile whose latest publish it is, or "--artifact-id". */
  source: string;
  results: ClientOutcome[];
  exit_code: number;
}

async function deployOne(
  deps: Deps,
  client: ClientRecord,
  profile: string,
  input: DeployInput,
  artifactRef: string | undefined,
): Promise<DeployResult> {
  const target = await resolveTarget(deps, client, input);
  const { artifact, version, witness, trusted } = await artifactToDeploy(
    deps,
    client.id,
    profile,
    artifactRef,
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

/** The clients a deploy goes to: `--all` (every installed one), else each `--client` once. */
async function targets(deps: Deps, input: DeployInput): Promise<ClientRecord[] | null> {
  if (input.all) {
    if (input.clients?.length) {
      throw new AppError("invalid_input", "Give either --all or --client, not both");
    }
    const found = await Promise.all(
      ALL_CLIENTS.map(async (c) => (await clientInstalled(deps, c)) ? c : null),
    );
    const list = found.filter((c): c is ClientRecord => c !== null);
    if (list.length === 0) {
      throw new AppError("client_not_found", "No installed client found (see list-clients)");
    }
    return list;
  }
  if (!input.clients || input.clients.length <= 1) return null;
  const seen = new Map<string, ClientRecord>();
  for (const id of input.clients) {
    const c = getClient(checkName("client", id));
    seen.set(c.id, c);
  }
  return [...seen.values()];
}

/** A deploy to one client (`clients[0]`, else `client`). */
export async function deploy(deps: Deps, input: DeployInput): Promise<DeployResult> {
  const profile = checkName("profile", input.profile ?? "default");
  const id = input.clients?.[0] ?? input.client;
  if (id === undefined) {
    throw new AppError("invalid_input", "Give --client ID (repeat it for several) or --all");
  }
  return await deployOne(deps, getClient(checkName("client", id)), profile, input, input.artifactId);
}

/** deploy-config / deploy_config: one client as `deploy`, several (or `all`) as one result each. */
export async function deployConfig(
  deps: Deps,
  input: DeployInput,
): Promise<DeployResult | MultiDeployResult> {
  const many = await targets(deps, input);
  if (!many) return await deploy(deps, input);
  const profile = checkName("profile", input.profile ?? "default");
  if (input.configPath !== undefined) {
    throw new AppError("invalid_input", "--config-path names one file: give one --client with it");
  }
  // One artifact for every client: the one given, or the latest publish of the profile by the first
  // client (in the order given) that published it, or else by the one client of the store that did.
  let artifactRef = input.artifactId;
  let source = "--artifact-id";
  if (artifactRef === undefined) {
    const trusted = await trustedKeys(deps);
    for (const c of many) {
      const latest = await latestPublished(deps, c.id, profile, trusted);
      if (latest) {
        artifactRef = latest.artifact_id;
        source = `${c.id}/${profile}`;
        break;
      }
    }
    if (artifactRef === undefined) {
      // None of them published it: the one other client that did (several: the user picks one).
      const others: string[] = [];
      for (const id of await deps.fs.readDir(layout(deps.home).indexDir)) {
        if ((await indexedProfiles(deps, id)).includes(profile)) others.push(id);
      }
      if (others.length === 1) {
        const latest = await latestPublished(deps, others[0], profile, trusted);
        if (latest) {
          artifactRef = latest.artifact_id;
          source = `${others[0]}/${profile}`;
        }
      } else if (others.length > 1) {
        throw new AppError(
          "invalid_input",
          `Profile "${profile}" was published by ${
            others.join(", ")
          }: give --artifact-id, or add the client ` +
            "whose publish to deploy as the first --client",
          { profile_id: profile, published_by: others },
        );
      }
    }
    if (artifactRef === undefined) {
      throw new AppError(
        "profile_not_found",
        `None of ${
          many.map((c) => c.id).join(", ")
        } has published profile "${profile}": run publish-config first`,
        { profile_id: profile, clients: many.map((c) => c.id) },
      );
    }
  }
  const results: ClientOutcome[] = [];
  for (const c of many) {
    try {
      // The diff is computed lazily once jsdiff is loaded (ready); a spread reads it.
      const r = await ready(await deployOne(deps, c, profile, input, artifactRef));
      results.push({ ok: true, ...r });
    } catch (e) {
      const doc = toErrorDocument(e);
      results.push({
        ok: false,
        client_id: c.id,
        status: "refused",
        error: doc.error,
        message: doc.message,
        exit_code: exitCodeFor(doc.error),
      });
    }
  }
  return {
    profile_id: profile,
    artifact_id: results.find((r) => r.ok)?.artifact_id ?? artifactRef,
    source,
    results,
    // A dry run over drift is ok but would be refused without --force: exit 6, as for one client.
    exit_code: Math.max(0, ...results.map((r) => (r.ok ? (r.needs_force ? 6 : 0) : r.exit_code))),
  };
}
