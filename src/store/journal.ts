/**
 * The write-ahead journal of client-file writes: `journal/<lock name>.json` holds the deployment record
 * of a write in progress. It is written (atomically, 0600) before the client file is replaced and removed
 * after the record is appended to the deployment log, so a crash between the two leaves the record here
 * for the next command to complete or discard (deploy/pending.ts). It holds hashes, never values.
 *
 * The record is signed, bound to its lock name: completing it appends it to the signed deployment log,
 * so a record planted here by hand would otherwise be signed into the log (a managed set that makes the
 * next deploy delete a hand-made entry). An unsigned or altered record is refused (`integrity_error`).
 */
import { AppError } from "../core/errors.ts";
import { sign, verify } from "../core/signing.ts";
import type { Deps } from "../platform/deps.ts";
import type { DeploymentRecord } from "./deployments.ts";
import { readJson, writeJson } from "./json_file.ts";
import { type Signer, trustedKeys } from "./keys.ts";
import { layout } from "./layout.ts";

interface Intent {
  record: DeploymentRecord;
  signing_key_id: string;
  signature: string;
}

const signedBytes = (name: string, rec: DeploymentRecord) =>
  new TextEncoder().encode(`mcp-orchestration journal record\n${name}\n${JSON.stringify(rec)}`);

/** Records the write about to happen under lock `name`. */
export async function writeIntent(
  deps: Deps,
  name: string,
  rec: DeploymentRecord,
  signer: Signer,
): Promise<void> {
  const intent: Intent = {
    record: rec,
    signing_key_id: signer.keyId,
    signature: await sign(signer.privatePem, signedBytes(name, rec)),
  };
  await writeJson(deps.fs, layout(deps.home).journal(name), intent, 0o600);
}

/** The pending record under lock `name`, or null. */
export async function readIntent(deps: Deps, name: string): Promise<DeploymentRecord | null> {
  const path = layout(deps.home).journal(name);
  const got = await readJson<Intent>(deps.fs, path);
  if (!got) return null;
  const bad = (why: string) =>
    new AppError("integrity_error", `The journal record "${path}" ${why}`, {
      path,
      hint: "it was not written by this program as it is; remove it after checking the client file",
    });
  const i = got.value;
  const r = i?.record;
  if (
    !r || typeof r !== "object" || typeof r.deployment_id !== "string" || typeof r.client_id !== "string" ||
    typeof r.config_path !== "string" || typeof r.managed !== "object" || r.managed === null
  ) {
    throw bad("is malformed");
  }
  const pem = (await trustedKeys(deps)).get(String(i.signing_key_id));
  if (!pem || !(await verify(pem, signedBytes(name, r), String(i.signature)))) {
    throw bad("fails its signature (altered, or not ours)");
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
