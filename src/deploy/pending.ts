/**
 * Settling client-file writes interrupted by a crash. A write is journalled (store/journal.ts) before
 * the file is replaced; when the process dies before its deployment record reaches the log, the next
 * command under the same lock finds the journal record and completes it (the file holds what we wrote:
 * the record is appended, so the next deploy sees no false drift) or discards it (the file was never
 * replaced). Read-only commands (status, history) see completed-but-unlogged records the same way.
 */
import { basename, dirname, join } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { sha256Hex } from "../core/digest.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import { hasOwn } from "../clients/codecs/shared.ts";
import { getClient } from "../clients/registry.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { appendDeployment, type DeploymentRecord, readDeployments } from "../store/deployments.ts";
import { clearIntent, pendingNames, readIntent } from "../store/journal.ts";
import { layout } from "../store/layout.ts";
import { readConfigFile } from "./config_file.ts";
import { entryHash } from "./deploy_plan.ts";

/** The lock serialising the writers of the client file at `path` (named by its real path). */
export async function configLockName(deps: Deps, path: string): Promise<string> {
  return `config-${(await sha256Hex(await deps.policy.resolveReal(path))).slice(0, 16)}`;
}

/** Runs `fn` holding the lock of the client file at `path`, after settling an interrupted write. */
export async function withConfigLock<T>(
  deps: Deps,
  path: string,
  fn: (lockName: string) => Promise<T>,
): Promise<T> {
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  const name = await configLockName(deps, path);
  return await withLock(deps.fs, l.lock(name), async () => {
    await settle(deps, name);
    return await fn(name);
  });
}

/** True when the file holds what the journalled write `rec` wrote (or its managed entries, when another
 * program changed the file since); false when the write never reached it or cannot be confirmed. */
export async function wasApplied(deps: Deps, rec: DeploymentRecord): Promise<boolean> {
  deps.policy.allowFile(rec.config_path, [deps.userHome]);
  let now;
  try {
    now = await readConfigFile(deps, rec.config_path);
  } catch (e) {
    if (e instanceof AppError && (e.code === "config_parse_error" || e.code === "unreadable_file")) {
      return false;
    }
    throw e;
  }
  if (!rec.post_image_sha256) return now.bytes === null;
  if (now.sha256 === rec.post_image_sha256) return true;
  if (now.bytes === null || now.sha256 === rec.pre_image_sha256) return false;
  const client = getClient(rec.client_id);
  let servers;
  try {
    servers = (await loadCodec(client.format)).readServers(now.text, client.servers);
  } catch {
    return false;
  }
  for (const [name, h] of Object.entries(rec.managed)) {
    if (!hasOwn(servers, name) || (await entryHash(servers[name])) !== h) return false;
  }
  if ((rec.changes?.removed ?? []).some((n) => hasOwn(servers, n))) return false;
  return (rec.pinned ?? []).every((n) => hasOwn(servers, n));
}

/** Completes or discards the journalled write under lock `name`; the caller holds that lock. */
export async function settle(deps: Deps, name: string): Promise<"none" | "completed" | "discarded"> {
  await removeTempFiles(deps, layout(deps.home).journal(name));
  const rec = await readIntent(deps, name);
  if (!rec) return "none";
  const applied = await wasApplied(deps, rec);
  const logged = (await readDeployments(deps, rec.client_id)).some((r) =>
    r.deployment_id === rec.deployment_id
  );
  if (applied && !logged) await appendDeployment(deps, rec);
  await removeTempFiles(deps, rec.config_path);
  await clearIntent(deps, name);
  return applied ? "completed" : "discarded";
}

/** Removes temp files a killed writer left beside `path` (a client file or our journal record of it):
 * only writers holding its lock write them, and we hold it, so none is live. */
async function removeTempFiles(deps: Deps, path: string): Promise<void> {
  const real = await deps.policy.resolveReal(path);
  const prefix = `.${basename(real)}.mcpo-tmp-`;
  for (const n of await deps.fs.readDir(dirname(real))) {
    if (n.startsWith(prefix)) await deps.fs.remove(join(dirname(real), n));
  }
}

/** Settles every interrupted write of `client` (each under its own lock). */
export async function settleClient(deps: Deps, client: string): Promise<void> {
  const l = layout(deps.home);
  for (const name of await pendingNames(deps)) {
    const rec = await readIntent(deps, name);
    if (rec?.client_id !== client) continue;
    await withLock(deps.fs, l.lock(name), () => settle(deps, name));
  }
}

/** The deployment log of `client` plus the journalled writes that reached their file but not the log
 * yet (read-only: nothing is written). */
export async function deploymentsOf(deps: Deps, client: string): Promise<DeploymentRecord[]> {
  const records = await readDeployments(deps, client);
  for (const name of await pendingNames(deps)) {
    const rec = await readIntent(deps, name).catch(() => null);
    if (rec?.client_id !== client || records.some((r) => r.deployment_id === rec.deployment_id)) continue;
    if (await wasApplied(deps, rec).catch(() => false)) records.push(rec);
  }
  return records;
}
