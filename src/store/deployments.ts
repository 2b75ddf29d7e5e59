/**
 * The append-only deployment log `deployments/<client>.jsonl`: one JSON record per line, never
 * truncated. Records hold hashes of the entries we wrote, never their values (no secret ever lands
 * here). A torn last line (a crash mid-append) is skipped when reading.
 */
import { dirname } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import { defineLazy } from "../core/lazy.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "./layout.ts";

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

/** Appends a record (O_APPEND, fsync). A torn last line (a crash or a full disk mid-append) is closed
 * with a line break first, so it never swallows the new record. */
export async function appendDeployment(deps: Deps, rec: DeploymentRecord): Promise<void> {
  const path = layout(deps.home).deployments(rec.client_id);
  await deps.fs.mkdir(dirname(path), 0o700);
  let torn = false;
  try {
    const last = await deps.fs.readTail(path, 1);
    torn = last.length > 0 && last[0] !== 0x0a;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const line = (torn ? "\n" : "") + recordLine(rec) + "\n";
  await deps.fs.writeFile(path, new TextEncoder().encode(line), {
    append: true,
    sync: true,
    mode: 0o600,
  });
}

/** A record as one log line, its `managed` set last: that set (one hash per entry) is most of the line
 * of a large profile's deployment, and written last it can be left unparsed until used (lineRecord). */
export function recordLine(rec: DeploymentRecord): string {
  const { managed, ...rest } = rec;
  return JSON.stringify({ ...rest, managed });
}

const MANAGED_KEY = ',"managed":';

/**
 * The record of one log line. A line written by recordLine ends with its managed set: the rest is
 * parsed now and the set on first use, so reading a log of many 500-server deployments costs the small
 * fields of each (every reader), not 500 hashes each (only the last deployment to a file is asked for
 * its set). Such a line is recognised by its shape: it ends with `}}` and `changes` comes before
 * `managed`; a line of the earlier layout (`managed` before `changes`), or anything else, is parsed
 * whole. A damaged set is reported when it is used (a torn line never gets this far).
 */
function lineRecord(line: string): unknown {
  const at = line.lastIndexOf(MANAGED_KEY + "{");
  if (at > 0 && line.endsWith("}}")) {
    let head: unknown;
    try {
      head = JSON.parse(line.slice(0, at) + "}");
    } catch {
      head = undefined;
    }
    if (head && typeof head === "object" && "changes" in head && !("managed" in head)) {
      const block = line.slice(at + MANAGED_KEY.length, -1);
      const rec = head as Record<string, unknown>;
      return defineLazy(rec, "managed", () => {
        let set: unknown;
        try {
          set = JSON.parse(block);
        } catch {
          set = undefined;
        }
        if (
          !set || typeof set !== "object" || Array.isArray(set) ||
          Object.values(set).some((h) => typeof h !== "string")
        ) {
          throw new AppError(
            "integrity_error",
            `The managed set of deployment "${String(rec.deployment_id)}" is damaged in the deployment log`,
            { deployment_id: rec.deployment_id },
          );
        }
        return set;
      });
    }
  }
  return JSON.parse(line);
}

/** Every record of a client, oldest first (a torn or foreign line is skipped). */
export async function readDeployments(deps: Deps, client: string): Promise<DeploymentRecord[]> {
  let text: string;
  try {
    text = new TextDecoder().decode(await deps.fs.readFile(layout(deps.home).deployments(client)));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  // The last parse of each client's log, by its exact text (the MCP server reads logs on every call).
  const logs = deps.cache.memo<DeploymentRecord[]>("logs");
  const memo = logs.get(client, text);
  if (memo) return [...memo];
  const out: DeploymentRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = lineRecord(line) as DeploymentRecord | null;
      if (r && typeof r.deployment_id === "string" && r.client_id === client) out.push(r);
    } catch {
      // A torn line from a crash during append.
    }
  }
  return [...logs.set(client, text, out)];
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

/** Finds a deployment by id (or unique prefix) across every client's log. */
export async function findDeployment(deps: Deps, id: string): Promise<DeploymentRecord> {
  if (typeof id !== "string" || !/^[0-9A-Za-z-]{4,64}$/.test(id)) {
    throw new AppError("invalid_input", `Invalid deployment id ${JSON.stringify(id)}`, { deployment_id: id });
  }
  const names = await deps.fs.readDir(layout(deps.home).deploymentsDir);
  const matches: DeploymentRecord[] = [];
  for (const n of names) {
    if (!n.endsWith(".jsonl")) continue;
    for (const r of await readDeployments(deps, n.slice(0, -6))) {
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
  throw new AppError("deployment_not_found", `No deployment "${id}"`, { deployment_id: id });
}
