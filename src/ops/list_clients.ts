/** list-clients: every client with its resolved config path on this machine, whether it looks
 * installed, its profiles and what it supports. */
import { checkName } from "../core/names.ts";
import { ALL_CLIENTS, getClient } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { logFolder } from "../clients/logs.ts";
import { clientPresence } from "../deploy/client_file.ts";
import { deploymentsOf } from "../deploy/pending.ts";
import type { DeploymentRecord } from "../store/deployments.ts";

export interface ClientSummary {
  client_id: string;
  display_name: string;
  platform: string;
  config_path: string | null;
  project_file: string | null;
  installed: boolean;
  config_exists: boolean;
  format: string;
  servers_key: string;
  remote_servers: ClientRecord["remote"];
  secret_references: ClientRecord["secretSyntax"];
  /** Profiles with a draft, a publish or a deployment. */
  profiles: string[];
  /** The profiles the files this client was deployed to hold now. */
  deployed_profiles: string[];
  deprecated: string | null;
  /** The client's own MCP log folder here (null: none, or not known on this OS); a project folder is
   * shown as `<project>/...`. */
  log_folder: string | null;
  /** The log files in it (`{server}`: the server's name). */
  log_files: string[];
  /** The place was verified for this OS (else it is the usual answer, not verified). */
  log_verified: boolean;
  log_note: string | null;
}

/** Per client, the profile each file it was deployed to holds now (the last deployment per file; a
 * restore to the bytes before the first deploy holds none). Only clients with a deployment log. */
async function deployedProfiles(deps: Deps): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const logs = (await deps.fs.readDir(layout(deps.home).deploymentsDir)).filter((n) => n.endsWith(".jsonl"));
  await Promise.all(logs.map(async (n) => {
    const id = n.slice(0, -6);
    // A log that cannot be read is reported by status and verify; here it only adds no profile.
    const records = await deploymentsOf(deps, id).catch(() => []);
    const byPath = new Map<string, DeploymentRecord>();
    for (const r of records) if (r.action !== "connect") byPath.set(r.config_path, r);
    const held = [...byPath.values()].filter((r) => r.artifact_id !== null || Object.keys(r.managed).length);
    if (held.length) out.set(id, [...new Set(held.map((r) => r.profile_id))].sort());
  }));
  return out;
}

/** Profiles of every client with state: two folder listings, then only the clients that have some, plus
 * the profiles deployed (a client given another client's artifact has no draft or index of its own). */
async function allProfiles(deps: Deps, deployed: Map<string, string[]>): Promise<Map<string, string[]>> {
  const l = layout(deps.home);
  const out = new Map<string, string[]>(deployed);
  await Promise.all([l.indexDir, l.draftsDir].map(async (dir) => {
    for (const id of await deps.fs.readDir(dir)) {
      const names = (await deps.fs.readDir(`${dir}/${id}`)).filter((n) => n.endsWith(".json")).map((n) =>
        n.slice(0, -5)
      );
      out.set(id, [...new Set([...(out.get(id) ?? []), ...names])].sort());
    }
  }));
  return out;
}

async function summary(
  deps: Deps,
  c: ClientRecord,
  profiles: Map<string, string[]>,
  deployed: Map<string, string[]>,
): Promise<ClientSummary> {
  const { path, installed, exists } = await clientPresence(deps, c);
  return {
    client_id: c.id,
    display_name: c.displayName,
    platform: deps.os,
    config_path: path,
    project_file: c.projectPath ? c.projectPath("<project>", deps.os) : null,
    installed,
    config_exists: exists,
    format: c.format,
    servers_key: c.servers.path.join("."),
    remote_servers: c.remote,
    secret_references: c.secretSyntax,
    profiles: profiles.get(c.id) ?? [],
    deployed_profiles: deployed.get(c.id) ?? [],
    deprecated: c.deprecated ?? null,
    log_folder: logFolder(c.logs, deps.os, deps.env, c.logs?.projectFolder ? "<project>" : undefined),
    log_files: c.logs?.files ?? [],
    log_verified: c.logs?.verified.includes(deps.os) ?? false,
    log_note: c.logs?.note ?? null,
  };
}

export async function listClients(
  deps: Deps,
  input: { client?: string } = {},
): Promise<{ count: number; clients: ClientSummary[] }> {
  const list = input.client !== undefined ? [getClient(checkName("client", input.client))] : ALL_CLIENTS;
  const deployed = await deployedProfiles(deps);
  const profiles = await allProfiles(deps, deployed);
  const clients = await Promise.all(list.map((c) => summary(deps, c, profiles, deployed)));
  return { count: clients.length, clients };
}
