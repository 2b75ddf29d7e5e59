/**
 * Remotes: `remotes.json` names the git repositories profiles are shared through (`remote add NAME
 * URL`), and `remotes/<name>/` holds, per remote, a scratch bare repository (`repo.git`, git's own
 * objects: nothing in it is trusted or deployed) and `pulled.json`, what was last taken from it: the
 * commit, and the version and artifact of each profile. A pull refuses a remote whose history no longer
 * contains that commit, or whose profile heads are older than those versions.
 */
import { AppError } from "../core/errors.ts";
import { checkNewName, isName, NAME_RE } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { readJson, writeJson } from "./json_file.ts";
import { layout } from "./layout.ts";
import { redactUrl } from "../platform/git.ts";

export interface RemoteEntry {
  name: string;
  url: string;
  added_at: string;
}

interface RemotesFile {
  remotes: Record<string, { url: string; added_at: string }>;
}

/** What the last pull (or push) saw of a remote. */
export interface PulledState {
  /** The remote commit last verified and taken (pull), or made by a push onto that commit. */
  commit: string | null;
  /** "client/profile" -> the newest version taken from, or pushed to, the remote. */
  profiles: Record<string, { version: number; artifact_id: string }>;
  /** "client/profile" of profiles left in conflict (or ahead locally) at the last pull: examined again
   * by every pull until they resolve. */
  unsettled?: Record<string, true>;
}

/** Returns `name` when it is a valid remote name, else `invalid_input`. */
export function checkRemoteName(name: unknown): string {
  if (!isName(name)) {
    throw new AppError(
      "invalid_input",
      `Invalid remote name ${
        JSON.stringify(name)
      }: use 1-64 of a-z 0-9 . _ - starting with a letter or digit`,
      { remote: name, pattern: NAME_RE.source },
    );
  }
  return name;
}

async function readFile(deps: Deps): Promise<RemotesFile> {
  const got = await readJson<RemotesFile>(deps.fs, layout(deps.home).remotesFile);
  const v = got?.value;
  if (!got) return { remotes: {} };
  if (!v || typeof v !== "object" || typeof v.remotes !== "object" || v.remotes === null) {
    throw new AppError("integrity_error", `The state file "${layout(deps.home).remotesFile}" is malformed`, {
      path: layout(deps.home).remotesFile,
    });
  }
  return v;
}

/** Every remote, by name. */
export async function listRemotes(deps: Deps): Promise<RemoteEntry[]> {
  const f = await readFile(deps);
  return Object.entries(f.remotes).sort(([a], [b]) => a < b ? -1 : 1)
    .map(([name, r]) => ({ name, url: r.url, added_at: r.added_at }));
}

/** Adds a remote; `already_exists` when the name is taken. */
export async function addRemote(deps: Deps, name: string, url: string): Promise<RemoteEntry> {
  checkNewName("remote", name);
  const f = await readFile(deps);
  if (Object.hasOwn(f.remotes, name)) {
    throw new AppError("already_exists", `A remote named "${name}" exists already`, {
      remote: name,
      hint: `remove it first (remote remove ${name}) or pick another name`,
    });
  }
  const entry = { url, added_at: deps.now().toISOString() };
  f.remotes[name] = entry;
  await writeJson(deps.fs, layout(deps.home).remotesFile, f, 0o600);
  return { name, ...entry };
}

/** Removes a remote and forgets what was pulled from it (the profiles taken stay in the store). */
export async function removeRemote(deps: Deps, name: string): Promise<RemoteEntry> {
  const f = await readFile(deps);
  const r = f.remotes[name];
  if (!r || !Object.hasOwn(f.remotes, name)) throw remoteNotFound(name, Object.keys(f.remotes));
  delete f.remotes[name];
  await writeJson(deps.fs, layout(deps.home).remotesFile, f, 0o600);
  await deps.fs.remove(layout(deps.home).remotePulled(name));
  return { name, ...r };
}

function remoteNotFound(name: string | undefined, known: string[]): AppError {
  return new AppError(
    "remote_not_found",
    name === undefined
      ? known.length === 0
        ? "No remote configured: run `mcp-orchestration remote add NAME URL` first"
        : `Several remotes are configured (${known.join(", ")}): name the one to use`
      : `No remote named "${name}"`,
    { ...(name === undefined ? {} : { remote: name }), known },
  );
}

/** The remote `name`, or, with no name, the only one (else the one called "origin"). */
export async function resolveRemote(deps: Deps, name?: string): Promise<RemoteEntry> {
  const all = await listRemotes(deps);
  if (name !== undefined) {
    checkRemoteName(name);
    const hit = all.find((r) => r.name === name);
    if (!hit) throw remoteNotFound(name, all.map((r) => r.name));
    return hit;
  }
  if (all.length === 1) return all[0];
  const origin = all.find((r) => r.name === "origin");
  if (origin) return origin;
  throw remoteNotFound(undefined, all.map((r) => r.name));
}

/** What was last taken from (or pushed to) remote `name`. */
export async function readPulled(deps: Deps, name: string): Promise<PulledState> {
  const path = layout(deps.home).remotePulled(name);
  const got = await readJson<PulledState>(deps.fs, path);
  if (!got) return { commit: null, profiles: {} };
  const v = got.value;
  if (!v || typeof v !== "object" || typeof v.profiles !== "object" || v.profiles === null) {
    throw new AppError("integrity_error", `The state file "${path}" is malformed`, { path });
  }
  return v;
}

export async function writePulled(deps: Deps, name: string, state: PulledState): Promise<void> {
  await writeJson(deps.fs, layout(deps.home).remotePulled(name), state, 0o600);
}

/** A URL as shown: a token or user:password in it replaced by `***` (redactUrl: git's messages are
 * redacted by the same rule). */
export function shownUrl(url: string): string {
  return redactUrl(url);
}
