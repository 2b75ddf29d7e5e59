/** list-clients: every client with its resolved config path on this machine, whether it looks
 * installed, its profiles and what it supports. */
import { dirname } from "../platform/path.ts";
import { checkName } from "../core/names.ts";
import { ALL_CLIENTS, getClient } from "../clients/registry.ts";
import type { ClientRecord } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { logFolder } from "../clients/logs.ts";

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
  profiles: string[];
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

/** Profiles of every client with state: two folder listings, then only the clients that have some. */
async function allProfiles(deps: Deps): Promise<Map<string, string[]>> {
  const l = layout(deps.home);
  const out = new Map<string, string[]>();
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

async function summary(deps: Deps, c: ClientRecord, profiles: Map<string, string[]>): Promise<ClientSummary> {
  let path: string | null = null;
  try {
    path = c.configPath(deps.os, deps.env);
  } catch {
    path = null;
  }
  const folder = path ? !!(await deps.fs.stat(dirname(path)).catch(() => null)) : false;
  const exists = path && folder ? !!(await deps.fs.stat(path).catch(() => null)) : false;
  return {
    client_id: c.id,
    display_name: c.displayName,
    platform: deps.os,
    config_path: path,
    project_file: c.projectPath ? c.projectPath("<project>", deps.os) : null,
    installed: exists || folder,
    config_exists: exists,
    format: c.format,
    servers_key: c.servers.path.join("."),
    remote_servers: c.remote,
    secret_references: c.secretSyntax,
    profiles: profiles.get(c.id) ?? [],
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
): Promise<{ clients: ClientSummary[] }> {
  const list = input.client !== undefined ? [getClient(checkName("client", input.client))] : ALL_CLIENTS;
  const profiles = await allProfiles(deps);
  return { clients: await Promise.all(list.map((c) => summary(deps, c, profiles))) };
}
