/**
 * status: per client target, the latest published artifact, the last deployed artifact, and what the
 * file on disk holds now: up-to-date, outdated, drifted (which entries), not-deployed, replaced (another
 * profile was deployed to the file since), missing-file, shadowed (another file the client merges
 * overrides an entry of ours: src/deploy/shadowing.ts). A target follows the profile whose publish it
 * deployed: its own client/profile, or (an artifact deployed to another client, `--artifact-id`) the
 * client/profile that published it; it is `behind` (state outdated) when that profile published since.
 * The latest version comes from each profile's signed head (latestPublished), not its whole index, so a
 * store with thousands of artifacts costs one small signed file per profile.
 */
import { AppError } from "../core/errors.ts";
import { checkName, isName } from "../core/names.ts";
import { verifyArtifact } from "../store/verify_artifact.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import { ALL_CLIENTS, getClient } from "../clients/registry.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import type { DeploymentRecord } from "../store/deployments.ts";
import { hasOwn, setOwn } from "../clients/codecs/shared.ts";
import { deploymentsOf } from "../deploy/pending.ts";
import { trustedKeys } from "../store/keys.ts";
import { indexedProfiles, latestPublished } from "../store/profile_index.ts";
import { layout } from "../store/layout.ts";
import { readConfigFile } from "../deploy/config_file.ts";
import { entryHash } from "../deploy/deploy_plan.ts";
import { findShadows, projectDirOf, type Shadow } from "../deploy/shadowing.ts";
import { listPins } from "../store/pins.ts";
import { readSecrets } from "../store/secrets.ts";
import { rotatedSecrets } from "../store/secret_hashes.ts";
import type { PinChange } from "../store/pins.ts";
import { readArtifactRaw } from "../store/artifacts.ts";
import {
  KEY_ID_RE,
  ownKeyId,
  type SignerInfo,
  signerInfo,
  signerLabel,
  type TrustName,
  trustNames,
} from "../store/trust_names.ts";

/** What names a signer: the trusted keys, their names, this machine's key. */
interface Signers {
  trusted: Map<string, string>;
  names: Map<string, TrustName>;
  own: string | null;
}

/** The key id an `untrusted_key` / `index_invalid` failure names as the untrusted signer. */
export function untrustedKeyOf(e: unknown): string | null {
  const m = e instanceof AppError && (e.code === "untrusted_key" || e.code === "index_invalid")
    ? /untrusted key "([0-9a-f]{16})"/.exec(e.message)
    : null;
  return m ? m[1] : null;
}

/** The signer of a deployed artifact: verified with the trusted keys, else (its key no longer trusted)
 * the key id the record names; null when the artifact is missing or damaged (verify reports it). */
async function deployedSigner(deps: Deps, id: string, k: Signers): Promise<SignerInfo | null> {
  try {
    return signerInfo((await verifyArtifact(deps, id, k.trusted)).signing_key_id, k.trusted, k.names, k.own);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "untrusted_key") return null;
    const claimed = (await readArtifactRaw(deps, id).catch(() => null))?.value?.signing_key_id;
    return typeof claimed === "string" && KEY_ID_RE.test(claimed)
      ? signerInfo(claimed, k.trusted, k.names, k.own)
      : null;
  }
}

export type TargetState =
  | "up-to-date"
  | "outdated"
  | "drifted"
  | "shadowed"
  | "not-deployed"
  | "replaced"
  | "missing-file"
  | "unreadable"
  /** The deployed artifact's signer is no longer trusted (trust remove): the file is left as it is, and
   * nothing signed by that key is deployed again. */
  | "untrusted";

export interface TargetStatus {
  client_id: string;
  profile_id: string;
  config_path: string | null;
  state: TargetState;
  latest_artifact_id: string | null;
  latest_version: number | null;
  deployed_artifact_id: string | null;
  deployment_id: string | null;
  deployed_at: string | null;
  /** The client/profile whose publishes this target follows ("claude-code/default"); null when nothing
   * is deployed. `latest_artifact_id` is that profile's latest publish. */
  follows: string | null;
  /** An older artifact than the latest publish of the profile it follows is deployed. */
  behind: boolean;
  /** For drifted: managed entries changed or removed on disk. */
  drifted_servers: { server: string; change: "modified" | "removed" }[];
  /** Entries of ours in the file that another file the client merges overrides (it loads that one):
   * state shadowed, unless drifted. */
  shadowed_servers: Shadow[];
  /** Secrets written as values by the last deploy whose value in secrets.json changed since (names
   * only): the file holds the old value, so the target is outdated. */
  rotated_secrets?: string[];
  /** Who signed the deployed artifact (null: nothing deployed, or its artifact cannot be read). */
  signed_by: SignerInfo | null;
  detail?: string;
}

/** What the file holds versus the managed set of the last deployment. */
async function diskState(deps: Deps, c: ClientRecord, last: DeploymentRecord) {
  // The file a deployment wrote (a project file, or a --config-path) may be read back: the path comes
  // from our own log, and only read, parsed and hashed here.
  deps.policy.allowFile(last.config_path, [deps.userHome]);
  let file;
  try {
    file = await readConfigFile(deps, last.config_path);
  } catch (e) {
    return { state: "unreadable" as const, drifted: [], shadows: [], detail: (e as Error).message };
  }
  if (!file.bytes) return { state: "missing-file" as const, drifted: [], shadows: [] };
  let servers;
  try {
    servers = (await loadCodec(c.format)).readServers(file.text, c.servers);
  } catch (e) {
    return { state: "unreadable" as const, drifted: [], shadows: [], detail: (e as Error).message };
  }
  const drifted: TargetStatus["drifted_servers"] = [];
  const ours: Record<string, NativeEntry> = {};
  for (const [name, h] of Object.entries(last.managed)) {
    if (!hasOwn(servers, name)) drifted.push({ server: name, change: "removed" });
    else if ((await entryHash(servers[name])) !== h) drifted.push({ server: name, change: "modified" });
    if (hasOwn(servers, name)) setOwn(ours, name, servers[name]);
  }
  // Our entries another file of the client overrides (opencode.jsonc, Claude Code's local scope...).
  const { shadows, warnings } = await findShadows(
    deps,
    c,
    {
      path: last.config_path,
      scope: last.scope,
      projectDir: last.scope === "project" ? projectDirOf(c, deps.os, last.config_path) : undefined,
    },
    ours,
    { path: last.config_path, text: file.text },
  );
  const state = drifted.length ? "drifted" as const : shadows.length ? "shadowed" as const : null;
  const detail = shadows.length
    ? `shadowed: ${
      shadows.map((s) =>
        `${s.server} by ${s.file}${s.project_dir !== undefined ? ` (${s.place} of ${s.project_dir})` : ""}`
      ).join(", ")
    }`
    : warnings.length
    ? warnings.join("; ")
    : undefined;
  return { state, drifted, shadows, ...(detail ? { detail } : {}) };
}

/** The targets of one profile of one client. */
async function profileTargets(
  deps: Deps,
  c: ClientRecord,
  profile: string,
  records: DeploymentRecord[],
  k: Signers,
  secrets: () => Promise<Record<string, string>>,
): Promise<TargetStatus[]> {
  const trusted = k.trusted;
  // A profile whose head is signed by a key no longer trusted has no latest publish to offer; what was
  // deployed from it is still reported.
  let untrustedHead: string | null = null;
  let latest: Awaited<ReturnType<typeof latestPublished>>;
  try {
    latest = await latestPublished(deps, c.id, profile, trusted);
  } catch (e) {
    untrustedHead = untrustedKeyOf(e);
    if (untrustedHead === null) throw e;
    latest = null;
  }
  const byPath = new Map<string, DeploymentRecord>();
  for (const r of records) if (r.profile_id === profile) byPath.set(r.config_path, r);
  const base = {
    client_id: c.id,
    profile_id: profile,
    latest_artifact_id: latest?.artifact_id ?? null,
    latest_version: latest?.version ?? null,
  };
  if (byPath.size === 0) {
    return [{
      ...base,
      config_path: null,
      state: "not-deployed",
      deployed_artifact_id: null,
      deployment_id: null,
      deployed_at: null,
      follows: null,
      behind: false,
      shadowed_servers: [],
      drifted_servers: [],
      signed_by: null,
      ...(untrustedHead ? { detail: `its publishes are signed by ${untrustedLabel(untrustedHead, k)}` } : {}),
    }];
  }
  return await Promise.all([...byPath.values()].map(async (last): Promise<TargetStatus> => {
    // Another profile deployed to this file since: this profile is no longer what the file holds.
    const current = records.filter((r) => r.config_path === last.config_path).at(-1)!;
    const replaced = current.profile_id !== profile;
    const disk = replaced ? { state: null, drifted: [], shadows: [] } : await diskState(deps, c, last);
    // A restore to the bytes before the first deploy leaves nothing of ours in the file.
    const nothingOfOurs = last.artifact_id === null && Object.keys(last.managed).length === 0;
    const rotated = replaced || nothingOfOurs || disk.state
      ? []
      : await rotatedSecrets(deps, last.secret_hashes, await secrets());
    const followed = nothingOfOurs || replaced
      ? null
      : await followedProfile(deps, c.id, profile, last, latest, trusted);
    const behind = !!followed?.latest && followed.latest.artifact_id !== last.artifact_id;
    const signer = last.artifact_id === null ? null : await deployedSigner(deps, last.artifact_id, k);
    const untrusted = !!signer && !signer.trusted && !replaced && !nothingOfOurs &&
      disk.state !== "missing-file" && disk.state !== "unreadable";
    const state: TargetState = replaced
      ? "replaced"
      : nothingOfOurs
      ? "not-deployed"
      : untrusted
      ? "untrusted"
      : disk.state ?? (behind || rotated.length ? "outdated" : "up-to-date");
    return {
      ...base,
      ...(followed
        ? {
          latest_artifact_id: followed.latest?.artifact_id ?? null,
          latest_version: followed.latest?.version ?? null,
        }
        : {}),
      config_path: last.config_path,
      state,
      deployed_artifact_id: last.artifact_id,
      deployment_id: last.deployment_id,
      deployed_at: last.deployed_at,
      follows: followed?.label ?? null,
      behind,
      shadowed_servers: disk.shadows,
      drifted_servers: disk.drifted,
      signed_by: signer,
      ...(rotated.length
        ? {
          rotated_secrets: rotated,
          detail: `secret rotated: ${rotated.join(", ")} (deploy again to write it)`,
        }
        : {}),
      ...(replaced ? { detail: `replaced by profile "${current.profile_id}"` } : {}),
      ...("detail" in disk && disk.detail ? { detail: disk.detail } : {}),
      ...(untrusted
        ? {
          detail: `signed by ${
            signerLabel(signer!)
          }: the file is left as deployed, and nothing signed by that key is deployed again`,
        }
        : {}),
    };
  }));
}

function untrustedLabel(keyId: string, k: Signers): string {
  return signerLabel(signerInfo(keyId, k.trusted, k.names, k.own));
}

/**
 * The profile a deployment follows and its latest publish: the target's own client/profile when the
 * artifact came from its index (a plain deploy, or `--artifact-id` of one of its versions), else the
 * client/profile the signed artifact names (one profile deployed to many clients).
 */
async function followedProfile(
  deps: Deps,
  client: string,
  profile: string,
  last: DeploymentRecord,
  latest: { artifact_id: string; version: number } | null,
  trusted: Map<string, string>,
): Promise<{ label: string; latest: { artifact_id: string; version: number } | null }> {
  const own = { label: `${client}/${profile}`, latest };
  if (last.artifact_id === null || last.index_version !== undefined) return own;
  let a;
  try {
    a = await verifyArtifact(deps, last.artifact_id, trusted);
  } catch {
    return own; // verify reports a damaged artifact; status shows what it can
  }
  if (a.client_id === client && a.profile_id === profile) return own;
  if (!isName(a.client_id) || !isName(a.profile_id)) return own;
  return {
    label: `${a.client_id}/${a.profile_id}`,
    latest: await latestPublished(deps, a.client_id, a.profile_id, trusted).catch(() => null),
  };
}

/** Clients with a published profile or a deployment log (two folder listings, not twenty). */
async function clientsWithState(deps: Deps): Promise<ClientRecord[]> {
  const l = layout(deps.home);
  const ids = new Set(await deps.fs.readDir(l.indexDir));
  for (const n of await deps.fs.readDir(l.deploymentsDir)) {
    // A signed head without its log (the log deleted) counts too: reading it reports the loss.
    if (n.endsWith(".jsonl")) ids.add(n.slice(0, -6));
    else if (n.endsWith(".head.json")) ids.add(n.slice(0, -10));
  }
  return ALL_CLIENTS.filter((c) => ids.has(c.id));
}

/** A pinned server whose last `doctor` found it changed since its pin. */
export interface ChangedPin {
  server: string;
  identity_sha256: string;
  pinned_at: string;
  last_check: "changed";
  checked_at: string;
  changes: PinChange[];
}

async function changedPins(deps: Deps, trusted: Map<string, string>, client?: string): Promise<ChangedPin[]> {
  return (await listPins(deps, trusted))
    .filter((p) => p.last_check?.status === "changed")
    .filter((p) => client === undefined || p.label.startsWith(`${client}/`))
    .map((p) => ({
      server: p.label,
      identity_sha256: p.identity_sha256,
      pinned_at: p.pinned_at,
      last_check: "changed" as const,
      checked_at: p.last_check!.at,
      changes: p.last_check!.changes,
    }));
}

export async function status(deps: Deps, input: { client?: string; profile?: string } = {}): Promise<{
  targets: TargetStatus[];
  pins: ChangedPin[];
}> {
  const clients = input.client !== undefined
    ? [getClient(checkName("client", input.client))]
    : await clientsWithState(deps);
  if (input.profile !== undefined) checkName("profile", input.profile);
  const trusted = await trustedKeys(deps);
  const k: Signers = { trusted, names: await trustNames(deps), own: await ownKeyId(deps) };
  let book: Promise<Record<string, string>> | null = null;
  const secrets = () => book ??= readSecrets(deps);
  const perClient = await Promise.all(clients.map(async (c) => {
    const records = (await deploymentsOf(deps, c.id)).filter((r) => r.action !== "connect");
    const profiles = [
      ...new Set([...(await indexedProfiles(deps, c.id)), ...records.map((r) => r.profile_id)]),
    ]
      .filter((p) => input.profile === undefined || p === input.profile).sort();
    return (await Promise.all(profiles.map((p) => profileTargets(deps, c, p, records, k, secrets))))
      .flat();
  }));
  const targets = perClient.flat();
  if (input.client !== undefined && input.profile !== undefined && targets.length === 0) {
    throw new AppError(
      "profile_not_found",
      `Nothing published or deployed for "${input.client}/${input.profile}"`,
      {
        client_id: input.client,
        profile_id: input.profile,
        available_profiles: (await indexedProfiles(deps, clients[0].id)).sort(),
      },
    );
  }
  return { targets, pins: await changedPins(deps, trusted, input.client) };
}
