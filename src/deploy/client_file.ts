/**
 * Locating and reading a client's config file for import and diff: `--config-path FILE`, the project
 * file (`--scope project --project-dir DIR`), or the user file for this OS. The named path is added to
 * the scoped fs allow-list (reads only go through it), and read by the rules a deploy reads it by
 * (readConfigFile: exact UTF-8, never a file of the state folder, no link that leads nowhere).
 */
import { resolveTarget, type TargetOptions } from "./deploy_target.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { readConfigFile } from "./config_file.ts";
import { dirname } from "../platform/path.ts";
import { setOwn } from "../clients/codecs/shared.ts";

export interface FileLocation {
  configPath?: string;
  scope?: string;
  projectDir?: string;
}

/** The absolute path of the client's file for the given location options (the same rules as deploy). */
export async function clientFilePath(deps: Deps, client: ClientRecord, o: FileLocation): Promise<string> {
  return (await resolveTarget(deps, client, o as TargetOptions)).path;
}

/** Where the client's user file is here and whether the client looks installed: the file, or at least
 * its folder, exists (list-clients' INSTALLED, deploy-config --all). */
export async function clientInstalled(deps: Deps, c: ClientRecord): Promise<boolean> {
  return (await clientPresence(deps, c)).installed;
}

export async function clientPresence(
  deps: Deps,
  c: ClientRecord,
): Promise<{ path: string | null; installed: boolean; exists: boolean }> {
  let path: string | null = null;
  try {
    path = c.configPath(deps.os, deps.env);
  } catch {
    path = null;
  }
  const folder = path ? !!(await deps.fs.stat(dirname(path)).catch(() => null)) : false;
  const exists = path && folder ? !!(await deps.fs.stat(path).catch(() => null)) : false;
  return { path, installed: exists || folder, exists };
}

/** Reads the native server entries of the file; `unreadable_file` when it is missing. */
export async function readClientServers(
  deps: Deps,
  client: ClientRecord,
  path: string,
): Promise<Record<string, NativeEntry>> {
  deps.policy.allowFile(path, [deps.userHome]);
  const { bytes, text } = await readConfigFile(deps, path);
  if (bytes === null) {
    const message = `Cannot read the ${client.displayName} config "${path}": the file does not exist`;
    throw new AppError("unreadable_file", message, { path, client: client.id });
  }
  const codec = await loadCodec(client.format);
  try {
    const servers = codec.readServers(text, client.servers);
    const sw = client.disabledSwitch;
    if (sw.kind !== "list") return servers;
    // A name in the client's list of switched-off servers (Gemini CLI's mcp.excluded) reads as an
    // entry with `disabled: true`: import keeps it disabled, doctor skips it, diff compares it with a
    // disabled server of an artifact.
    let node: unknown = codec.parse(text);
    for (const k of sw.path) node = isObject(node) && Object.hasOwn(node, k) ? node[k] : undefined;
    const off = new Set(Array.isArray(node) ? node.filter((n) => typeof n === "string") : []);
    for (const name of Object.keys(servers)) {
      if (off.has(name)) setOwn(servers, name, { ...servers[name], disabled: true });
    }
    return servers;
  } catch (e) {
    if (e instanceof AppError) {
      throw new AppError(e.code, `Cannot read the servers of "${path}": ${e.message}`, {
        ...e.details,
        path,
      });
    }
    throw e;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}
