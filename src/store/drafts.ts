/**
 * Drafts on disk: `drafts/<client>/<profile>.json`, one list of server specs per client/profile, shared
 * by the CLI and the MCP server. Written atomically under the `drafts` lock. A draft never holds a
 * secret value: `env` keeps non-secret values only and `entry` holds `${VAR}` references.
 */
import { AppError } from "../core/errors.ts";
import { checkName, checkNewName } from "../core/names.ts";
import type { NeutralEntry, NeutralPayload } from "../core/neutral.ts";
import type { Deps } from "../platform/deps.ts";
import { withLock } from "../platform/lock.ts";
import { readJson, writeJson } from "./json_file.ts";
import { layout } from "./layout.ts";

/** Where a draft server came from: a catalogue id, or a custom/imported entry. */
export type DraftSource = { registry: string } | { custom: true; imported_from?: string };

/** One server of a draft. */
export interface DraftServer {
  name: string;
  source: DraftSource;
  /** Transport chosen for a catalogue server (stdio, http, sse). */
  transport?: string;
  /** Non-secret parameter values as given. */
  params: Record<string, string | string[]>;
  /** Non-secret environment values as given. */
  env: Record<string, string>;
  /** Names of the secrets the entry references (values live in secrets.json). */
  secret_refs: string[];
  /** The neutral entry, secrets as `${VAR}`. */
  entry: NeutralEntry;
  /** Kept in the draft and the artifact (`disabled: true` in its entry) but switched off in the client. */
  disabled?: true;
}

/** A draft document. */
export interface Draft {
  client_id: string;
  profile_id: string;
  updated_at: string | null;
  servers: DraftServer[];
}

/** The short form every draft command prints. */
export interface DraftSummary {
  client_id: string;
  profile_id: string;
  server_count: number;
  servers: string[];
  updated_at: string | null;
}

/** An empty draft for client/profile. */
export function emptyDraft(client: string, profile: string): Draft {
  return { client_id: client, profile_id: profile, updated_at: null, servers: [] };
}

/** The summary of a draft. */
export function summarize(d: Draft): DraftSummary {
  return {
    client_id: d.client_id,
    profile_id: d.profile_id,
    server_count: d.servers.length,
    servers: d.servers.map((s) => s.name),
    updated_at: d.updated_at,
  };
}

/** Reads the draft (an empty one when none exists). */
export async function readDraft(deps: Deps, client: string, profile: string): Promise<Draft> {
  checkName("client", client);
  checkName("profile", profile);
  const path = layout(deps.home).draft(client, profile);
  const got = await readJson<Draft>(deps.fs, path);
  if (!got) return emptyDraft(client, profile);
  const d = got.value;
  if (!d || typeof d !== "object" || !Array.isArray(d.servers)) {
    throw new AppError("integrity_error", `The draft "${path}" is malformed`, { path });
  }
  return { ...d, client_id: client, profile_id: profile };
}

/** Every draft that holds servers, as summaries sorted by client and profile (a malformed or unreadable
 * one is left out: this answers "where are my drafts?", not "are they sound?"). */
export async function draftsWithServers(deps: Deps): Promise<DraftSummary[]> {
  const dir = layout(deps.home).draftsDir;
  const out: DraftSummary[] = [];
  for (const client of (await deps.fs.readDir(dir).catch(() => [] as string[])).sort()) {
    const files = await deps.fs.readDir(`${dir}/${client}`).catch(() => [] as string[]);
    for (const f of files.filter((n) => n.endsWith(".json")).sort()) {
      try {
        const d = await readDraft(deps, client, f.slice(0, -5));
        if (d.servers.length) out.push(summarize(d));
      } catch { /* not a draft this answer can name */ }
    }
  }
  return out;
}

/** True when a draft file exists. */
export async function draftExists(deps: Deps, client: string, profile: string): Promise<boolean> {
  return (await deps.fs.stat(layout(deps.home).draft(client, profile))) !== null;
}

/**
 * Read-modify-write under the lock: `fn` gets the current draft and returns the new one (or null to
 * delete the file) plus a value passed back; returns that value and the draft as saved.
 */
export async function updateDraft<T>(
  deps: Deps,
  client: string,
  profile: string,
  fn: (d: Draft) => Promise<{ draft: Draft | null; result: T }> | { draft: Draft | null; result: T },
): Promise<{ result: T; draft: Draft }> {
  checkName("client", client);
  checkName("profile", profile);
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  return await withLock(deps.fs, l.lock("drafts"), async () => {
    const { draft, result } = await fn(await readDraft(deps, client, profile));
    const path = l.draft(client, profile);
    // A draft that starts a profile (no draft, nothing published) must have a name that can be created.
    if (
      draft !== null && profile.endsWith(".") && !(await deps.fs.stat(path)) &&
      !(await deps.fs.stat(l.index(client, profile)))
    ) {
      checkNewName("profile", profile);
    }
    if (draft === null) {
      await deps.fs.remove(path);
      return { result, draft: emptyDraft(client, profile) };
    }
    const saved = { ...draft, updated_at: deps.now().toISOString() };
    await writeJson(deps.fs, path, saved, 0o600);
    return { result, draft: saved };
  });
}

/** The neutral payload of a draft, in draft order; a disabled server's entry holds `disabled: true`. */
export function payloadOf(d: Draft): NeutralPayload {
  const mcpServers: NeutralPayload["mcpServers"] = {};
  for (const s of d.servers) {
    const { disabled: _, ...entry } = s.entry as NeutralEntry & { disabled?: unknown };
    mcpServers[s.name] = s.disabled ? { ...entry, disabled: true } as NeutralEntry : entry as NeutralEntry;
  }
  return { mcpServers };
}
