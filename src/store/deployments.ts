/**
 * The append-only deployment log `deployments/<client>.jsonl`: one JSON record per line, never
 * truncated, each signed and hash-chained under a signed head (deployment_log.ts). Records hold hashes
 * of the entries we wrote, never their values (no secret ever lands here). A torn line (a crash
 * mid-append) is skipped when reading.
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { appendSigned, authenticate, logSigner, readLog } from "./deployment_log.ts";
import type { Signer } from "./keys.ts";
import { layout } from "./layout.ts";

export { recordLine } from "./deployment_lines.ts";
export { authenticate };

export interface DeploymentRecord {
  deployment_id: string;
  action: "deploy" | "rollback" | "restore" | "connect";
  client_id: string;
  profile_id: string;
  artifact_id: string | null;
  config_path: string;
  scope: "user" | "project" | "custom";
  deployed_at: string;
  /** name -> sha256 of the canonical native entry we wrote: the managed set after this deployment. */
  managed: Record<string, string>;
  /** Names added, changed, removed by this deployment. */
  changes: { added: string[]; updated: string[]; removed: string[] };
  /** sha256 of the file before (null: it did not exist) and after. */
  pre_image_sha256: string | null;
  post_image_sha256: string;
  forced: boolean;
  secrets: "reference" | "literal";
  /** name -> keyed hash (HMAC, store/secret_hashes.ts) of each secret value written into the file: a
   * value changed in secrets.json since is a rotated secret (`status`). Never a value or a plain hash. */
  secret_hashes?: Record<string, string>;
  /** For action "connect": the entry of this program itself, never removed by deploys. */
  pinned?: string[];
  /** For "rollback"/"restore": the deployment it went back to. */
  restored_from?: string;
  /** The artifact's version in the signed index of client/profile, when it came from there: a witness
   * that the index reached that version (an older index copied over it is refused: deploy_artifact.ts). */
  index_version?: number;
}

/** A sortable, unique deployment id: UTC time plus randomness. */
export function newDeploymentId(now: Date): string {
  const t = now.toISOString().replace(/[-:]/g, "").replace(/\.(\d{3})Z$/, "$1Z");
  const r = [...crypto.getRandomValues(new Uint8Array(3))].map((b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  return `${t}-${r}`;
}

/** Appends a record to its client's log as the next signed line (deployment_log.ts), under the log's
 * lock. `signer`: the signing key, loaded (and checked trusted) before the client file was written.
 * `trusted`: the trusted keys, when the command has read them already. */
export async function appendDeployment(
  deps: Deps,
  rec: DeploymentRecord,
  signer?: Signer,
  trusted?: Map<string, string>,
): Promise<void> {
  await appendSigned(deps, rec, signer ?? await logSigner(deps, trusted), trusted);
}

/** Every record of a client, oldest first (a torn line is skipped), from a log checked against its
 * signed head: `integrity_error` when lines were edited at its end, removed, reordered, repeated or copied
 * from another client's log. A record a command acts on must also pass `authenticate`. `trusted`: the
 * trusted keys, when the command has read them already. */
export function readDeployments(
  deps: Deps,
  client: string,
  trusted?: Map<string, string>,
): Promise<DeploymentRecord[]> {
  return readLog(deps, client, trusted);
}

/** The newest record for a config file (the managed set lives there), or null. */
export async function lastForPath(
  deps: Deps,
  client: string,
  configPath: string,
): Promise<DeploymentRecord | null> {
  const all = await readDeployments(deps, client);
  for (let i = all.length - 1; i >= 0; i--) if (all[i].config_path === configPath) return all[i];
  return null;
}

/** Finds a deployment by id (or unique prefix) in `client`'s log, or across every client's log. A log
 * that fails its check is skipped in a search across logs, and its error is thrown when no other log
 * holds the id. */
export async function findDeployment(deps: Deps, id: string, client?: string): Promise<DeploymentRecord> {
  if (typeof id !== "string" || !/^[0-9A-Za-z-]{4,64}$/.test(id)) {
    throw new AppError("invalid_input", `Invalid deployment id ${JSON.stringify(id)}`, { deployment_id: id });
  }
  const clients = client !== undefined
    ? [client]
    : (await deps.fs.readDir(layout(deps.home).deploymentsDir)).filter((n) => n.endsWith(".jsonl"))
      .map((n) => n.slice(0, -6));
  const matches: DeploymentRecord[] = [];
  let failed: unknown = null;
  for (const c of clients) {
    let records: DeploymentRecord[];
    try {
      records = await readDeployments(deps, c);
    } catch (e) {
      if (client !== undefined || !(e instanceof AppError)) throw e;
      failed ??= e;
      continue;
    }
    for (const r of records) {
      if (r.deployment_id === id) return r;
      if (r.deployment_id.startsWith(id)) matches.push(r);
    }
  }
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new AppError("invalid_input", `Deployment id prefix "${id}" is ambiguous`, {
      deployment_id: id,
      matches: matches.map((m) => m.deployment_id),
    });
  }
  if (failed) throw failed;
  throw new AppError("deployment_not_found", `No deployment "${id}"`, { deployment_id: id });
}
