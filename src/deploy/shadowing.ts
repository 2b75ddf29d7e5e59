/**
 * Files a client merges with the one we write (the record's `merged`: opencode's `opencode.jsonc` beside
 * `opencode.json`, Claude Code's local scope and `.mcp.json`, VS Code's workspace file). An entry of ours
 * is *shadowed* when a place the client ranks above our file holds the same name and what the client then
 * loads is not our entry: the other entry whole ("replace"), or ours with its fields over them ("deep").
 * Deploy refuses that unless forced, status reports it, import reads the places of the same scope.
 *
 * Places are only read (a read-only allowance for exactly that file); one that is missing is nothing, one
 * that cannot be read is a warning (the client cannot read it either), never a failure of the command.
 */
import { AppError } from "../core/errors.ts";
import { loadCodec } from "../clients/codecs/load.ts";
import { deepEqual, hasOwn, isRecord, serversFrom, setOwn, walk } from "../clients/codecs/shared.ts";
import { joinFor, pathFor } from "../clients/paths.ts";
import type { ClientRecord, Codec, MergedPlace, NativeEntry, ServersLocation } from "../clients/types.ts";
import type { Deps } from "../platform/deps.ts";
import { readConfigFile } from "./config_file.ts";

/** An entry of ours that another place overrides. */
export interface Shadow {
  server: string;
  /** The file whose entry the client loads instead. */
  file: string;
  /** Which of the client's places it is ("opencode.jsonc", "local scope"...). */
  place: string;
  /** For a place per project folder (Claude Code's local scope): the folder. */
  project_dir?: string;
}

/** The target a shadow check is about: our file and its scope. */
export interface ShadowTarget {
  path: string;
  scope: "user" | "project" | "custom";
  /** A project target's folder. */
  projectDir?: string;
}

/** The project folder of a project-scope file `path` (the folder whose project file it is), or undefined. */
export function projectDirOf(client: ClientRecord, os: Deps["os"], path: string): string | undefined {
  if (!client.projectPath) return undefined;
  const p = pathFor(os);
  let dir = path;
  for (let i = 0; i < 4; i++) {
    const up = p.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
    if (client.projectPath(dir, os) === path) return dir;
  }
  return undefined;
}

/** The most project folders a user target's project places are looked for in (MCP roots). */
const MAX_PROJECTS = 16;

/** The folders a user target's project places are looked for in: the current folder on the CLI; over MCP
 * (the server's folder is not the user's project) the folders the client shared as roots, if any. */
async function currentProjects(deps: Deps): Promise<string[]> {
  if (deps.projectRoots) {
    try {
      return ((await deps.projectRoots()) ?? []).slice(0, MAX_PROJECTS);
    } catch {
      return []; // the client declared roots but did not list them: nothing to look at
    }
  }
  try {
    return [deps.cwd()];
  } catch {
    return [];
  }
}

/** The places of `client` that merge with a target of `target.scope` and `which` (winning, imported). */
export function placesOf(
  client: ClientRecord,
  target: ShadowTarget,
  which: (p: MergedPlace) => boolean,
): MergedPlace[] {
  if (target.scope === "custom") return [];
  return (client.merged?.places ?? []).filter((p) => p.scope === target.scope && which(p));
}

/** The files of `place` for `target` (none when it has none here); `projects`: the folders of a user
 * target's project places. */
function filesOf(
  deps: Deps,
  client: ClientRecord,
  target: ShadowTarget,
  place: MergedPlace,
  projects: string[],
): string[] {
  const parts = place.parts ?? [];
  if (place.file === "sibling") return [joinFor(deps.os, pathFor(deps.os).dirname(target.path), ...parts)];
  if (place.file === "user") {
    try {
      return [client.configPath(deps.os, deps.env)];
    } catch {
      return [];
    }
  }
  const dirs = target.scope === "project" ? (target.projectDir ? [target.projectDir] : []) : projects;
  return [...new Set(dirs.map((dir) => joinFor(deps.os, dir, ...parts)))];
}

/** Reads a place's file (read-only allowance); null when it does not exist. */
async function readPlace(deps: Deps, path: string): Promise<string | null> {
  deps.policy.allowReadFile(path);
  const f = await readConfigFile(deps, path);
  return f.bytes === null ? null : f.text;
}

/** Where a place's servers are in its document: the client's location, or per project folder. */
function locsOf(
  client: ClientRecord,
  target: ShadowTarget,
  place: MergedPlace,
  doc: unknown,
): { loc: ServersLocation; projectDir?: string }[] {
  const pp = place.perProject;
  if (!pp) return [{ loc: client.servers }];
  const at = (dir: string) => ({
    loc: { path: [...pp.map, dir, ...pp.servers], shape: "map" as const },
    projectDir: dir,
  });
  const map = walk(doc, pp.map).value;
  if (!isRecord(map)) return [];
  if (target.scope !== "project") return Object.keys(map).map(at);
  // Its own folder only (Claude Code writes Windows folders with forward slashes).
  const dir = target.projectDir;
  return dir === undefined
    ? []
    : Object.keys(map).filter((k) => k === dir || k === dir.replaceAll("\\", "/")).map(at);
}

/** The document as data. Plain JSON through the runtime's parser (a 1.3 MB ~/.claude.json, read for
 * its local scopes on every Claude Code deploy and status: ~20 ms less); the codec when it refuses it,
 * to say why, and for every other format. */
function parseDoc(codec: Codec, text: string): unknown {
  if (codec.format === "json") {
    try {
      return JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
    } catch { /* the codec's parser reports where and why */ }
  }
  return codec.parse(text);
}

export interface PlaceServers {
  place: MergedPlace;
  file: string;
  project_dir?: string;
  servers: Record<string, NativeEntry>;
}

/**
 * The servers of every place of `client` for `target` selected by `which`, in the client's order of the
 * places; `warnings` for a place that exists but cannot be read. `known`: a file already read (the
 * target itself, which holds Claude Code's local scope), not read again. Each file is parsed once, however
 * many project folders it holds.
 */
export async function readPlaces(
  deps: Deps,
  client: ClientRecord,
  target: ShadowTarget,
  which: (p: MergedPlace) => boolean,
  known?: { path: string; text: string },
): Promise<{ found: PlaceServers[]; warnings: string[] }> {
  const found: PlaceServers[] = [];
  const warnings: string[] = [];
  const codec = await loadCodec(client.format);
  const wanted = placesOf(client, target, which);
  const projects = target.scope === "user" && wanted.some((p) => p.file === "project")
    ? await currentProjects(deps)
    : [];
  for (const place of wanted) {
    for (const file of filesOf(deps, client, target, place, projects)) {
      if (file === target.path && !place.perProject) continue;
      await readOne(place, file);
    }
  }
  return { found, warnings };

  async function readOne(place: MergedPlace, file: string): Promise<void> {
    try {
      const text = known?.path === file ? known.text : await readPlace(deps, file);
      if (text === null) return;
      const doc = parseDoc(codec, text);
      for (const { loc, projectDir } of locsOf(client, target, place, doc)) {
        const at = walk(doc, loc.path);
        // A project entry not of the shape (not an object, servers not a map) holds nothing we can compare.
        if (at.badAt !== undefined && place.perProject) continue;
        let servers: Record<string, NativeEntry>;
        try {
          servers = serversFrom(client.format, at.value, loc);
        } catch (e) {
          if (place.perProject) continue;
          throw e;
        }
        if (Object.keys(servers).length === 0) continue;
        found.push({
          place,
          file,
          ...(projectDir !== undefined ? { project_dir: projectDir } : {}),
          servers,
        });
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      warnings.push(
        `Could not read ${place.label} "${file}" (${client.displayName} merges it): ${e.message}`,
      );
    }
  }
}

/** opencode's mergeDeep: objects merged member by member, anything else taken from `over`. */
export function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) setOwn(out, k, base[k]);
  for (const k of Object.keys(over)) setOwn(out, k, hasOwn(base, k) ? mergeDeep(base[k], over[k]) : over[k]);
  return out;
}

/** The entry the client loads for a name in ours and in a place that wins. */
export function effectiveEntry(client: ClientRecord, ours: NativeEntry, theirs: NativeEntry): unknown {
  return client.merged?.merge === "deep" ? mergeDeep(ours, theirs) : theirs;
}

/** Our entries (`ours`, name -> native entry as written) that a winning place of the client overrides. */
export async function findShadows(
  deps: Deps,
  client: ClientRecord,
  target: ShadowTarget,
  ours: Record<string, NativeEntry>,
  known?: { path: string; text: string },
): Promise<{ shadows: Shadow[]; warnings: string[] }> {
  if (!client.merged || Object.keys(ours).length === 0) return { shadows: [], warnings: [] };
  const { found, warnings } = await readPlaces(deps, client, target, (p) => p.wins, known);
  const shadows: Shadow[] = [];
  for (const f of found) {
    for (const name of Object.keys(ours)) {
      if (!hasOwn(f.servers, name)) continue;
      if (deepEqual(effectiveEntry(client, ours[name], f.servers[name]), ours[name])) continue;
      shadows.push({
        server: name,
        file: f.file,
        place: f.place.label,
        ...(f.project_dir !== undefined ? { project_dir: f.project_dir } : {}),
      });
    }
  }
  return { shadows, warnings };
}

/** "a" (opencode.jsonc "/x/opencode.jsonc"), ... for messages. */
export function shadowNames(shadows: Shadow[]): string {
  return shadows.map((s) =>
    `"${s.server}" (${s.place} "${s.file}"${s.project_dir !== undefined ? ` for "${s.project_dir}"` : ""})`
  ).join(", ");
}
