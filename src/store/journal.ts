/**
 * The write-ahead journal of client-file writes: `journal/<lock name>.json` holds the deployment record
 * of a write in progress. It is written (atomically, 0600) before the client file is replaced and removed
 * after the record is appended to the deployment log, so a crash between the two leaves the record here
 * for the next command to complete or discard (ops/pending.ts). It holds hashes, never values.
 */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import type { DeploymentRecord } from "./deployments.ts";
import { readJson, writeJson } from "./json_file.ts";
import { layout } from "./layout.ts";

/** Records the write about to happen under lock `name`. */
export async function writeIntent(deps: Deps, name: string, rec: DeploymentRecord): Promise<void> {
  await writeJson(deps.fs, layout(deps.home).journal(name), rec, 0o600);
}

/** The pending record under lock `name`, or null. */
export async function readIntent(deps: Deps, name: string): Promise<DeploymentRecord | null> {
  const path = layout(deps.home).journal(name);
  const got = await readJson<DeploymentRecord>(deps.fs, path);
  if (!got) return null;
  const r = got.value;
  if (
    !r || typeof r !== "object" || typeof r.deployment_id !== "string" || typeof r.client_id !== "string" ||
    typeof r.config_path !== "string" || typeof r.managed !== "object" || r.managed === null
  ) {
    throw new AppError("integrity_error", `The journal record "${path}" is malformed`, { path });
  }
  return r;
}

/** Removes the pending record under lock `name` (no error when there is none). */
export async function clearIntent(deps: Deps, name: string): Promise<void> {
  await deps.fs.remove(layout(deps.home).journal(name));
}

/** Lock names with a pending record. */
export async function pendingNames(deps: Deps): Promise<string[]> {
  return (await deps.fs.readDir(layout(deps.home).journalDir)).filter((n) =>
    /^[\w.-]+\.json$/.test(n) && !n.startsWith(".")
  )
    .map((n) => n.slice(0, -5));
}
