/**
 * import-config: reads the servers already in a client's config file into the draft of a profile,
 * through the client's codec and record (native -> neutral). Literal secrets found (the one
 * extractor's rules: env and header values, secret flags in args, URL passwords and query tokens,
 * token shapes) go to secrets.json and the draft gets `${VAR}` references; `extracted` maps each field
 * to its variable (names only). An entry that cannot be read is skipped with a warning; a name already in the
 * draft is kept unless `replace`.
 */
import { getClient } from "../clients/registry.ts";
import { memberKeys } from "../core/keys.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import { entryRefs, type Extracted, extractSecrets } from "../core/secret_extract.ts";
import { checkEntryName } from "../core/payload.ts";
import type { Deps } from "../platform/deps.ts";
import { type DraftServer, type DraftSummary, summarize, updateDraft } from "../store/drafts.ts";
import { readSecrets, setSecrets } from "../store/secrets.ts";
import { effectiveEntry, type PlaceServers, readPlaces } from "../deploy/shadowing.ts";
import { type FileLocation, readClientServers } from "../deploy/client_file.ts";
import { resolveTarget } from "../deploy/deploy_target.ts";
import type { ClientRecord, NativeEntry } from "../clients/types.ts";
import { hasOwn, setOwn } from "../clients/codecs/shared.ts";
import { AppError } from "../core/errors.ts";

export interface ImportConfigInput extends FileLocation {
  client?: string;
  profile?: string;
  replace?: boolean;
}

export interface ImportConfigResult extends DraftSummary {
  config_path: string;
  imported: string[];
  skipped: string[];
  secrets_stored: string[];
  /** Where each stored secret was: server, field and the variable referenced there (never values). */
  extracted: Extracted[];
  /** The file each imported server came from: the client merges several (opencode.json and .jsonc,
   * a project's .mcp.json and its local scope), and the one it loads a name from is named. */
  sources: { server: string; file: string }[];
  warnings: string[];
}

function usable(e: NeutralEntry): boolean {
  const x = e as Record<string, unknown>;
  return (typeof x.command === "string" && x.command.trim() !== "") || typeof x.url === "string";
}

/**
 * The servers the client loads for the file's scope: the file itself and the other files it merges at
 * that scope (the record's `merged` places marked imported: opencode's config.json and opencode.jsonc,
 * a project's local scope in ~/.claude.json), lowest precedence first, a name in several taken as the
 * client takes it. `origin`: the file each name comes from (the winning one). A file named with
 * --config-path is read alone.
 */
async function mergedServers(
  deps: Deps,
  client: ClientRecord,
  input: FileLocation,
  warnings: string[],
): Promise<{ path: string; natives: Record<string, NativeEntry>; origin: Record<string, string> }> {
  const target = await resolveTarget(deps, client, input);
  const path = target.path;
  const places = await readPlaces(deps, client, target, (p) => p.imported);
  warnings.push(...places.warnings);
  let own: Record<string, NativeEntry> | null = null;
  try {
    own = await readClientServers(deps, client, path);
  } catch (e) {
    // No file here, but the client keeps servers in another one of this scope: those are imported.
    if (!(e instanceof AppError && e.code === "unreadable_file" && places.found.length)) throw e;
  }
  const layers: PlaceServers[] = [
    ...places.found.filter((f) => !f.place.wins),
    ...(own
      ? [{ place: { label: "", wins: false } as PlaceServers["place"], file: path, servers: own }]
      : []),
    ...places.found.filter((f) => f.place.wins),
  ];
  const natives: Record<string, NativeEntry> = {};
  const origin: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, entry] of Object.entries(layer.servers)) {
      if (hasOwn(natives, name)) {
        warnings.push(
          `"${name}" is in "${origin[name]}" and in "${layer.file}": ${client.displayName} loads the ` +
            `second one's${
              client.merged?.merge === "deep" ? " fields over the first's" : ""
            }, imported as such`,
        );
        setOwn(natives, name, effectiveEntry(client, natives[name], entry) as NativeEntry);
      } else setOwn(natives, name, entry);
      setOwn(origin, name, layer.file);
    }
  }
  return { path, natives, origin };
}

/** Imports the client's servers into the draft. */
export async function importConfig(deps: Deps, input: ImportConfigInput): Promise<ImportConfigResult> {
  const client = getClient(input.client ?? "claude-desktop");
  const profile = input.profile ?? "default";
  const warnings: string[] = [];
  const { path, natives, origin } = await mergedServers(deps, client, input, warnings);
  const skipped: string[] = [];
  const taken = await readSecrets(deps);
  const secrets: Record<string, string> = {};
  const specs: DraftServer[] = [];
  const extracted: Extracted[] = [];
  for (const name of Object.keys(natives)) {
    let entry: NeutralEntry;
    try {
      checkEntryName(name);
      const why = client.serverNameProblem(name);
      if (why) throw new Error(`${client.displayName} cannot use that name: ${why}`);
      entry = client.parse(name, natives[name]);
      if (!usable(entry)) throw new Error("it has neither a command nor a url");
      const keys = memberKeys(entry);
      if (keys.length) throw new Error(`${keys.join(", ")} is a property every JavaScript object has`);
    } catch (e) {
      skipped.push(name);
      warnings.push(`Skipped "${name}": ${(e as Error).message}`);
      continue;
    }
    // A server the client keeps switched off stays disabled in the draft (disable-server's flag).
    const { disabled: off, ...rest } = entry as NeutralEntry & { disabled?: unknown };
    if (off === true) entry = rest as NeutralEntry;
    const x = extractSecrets(name, entry, { ...taken, ...secrets });
    Object.assign(secrets, x.secrets);
    extracted.push(...x.extracted);
    const env = (x.entry as { env?: Record<string, unknown> }).env ?? {};
    specs.push({
      name,
      source: { custom: true, imported_from: origin[name] ?? path },
      params: {},
      env: Object.fromEntries(
        Object.entries(env).filter(([, v]) => typeof v === "string" && !v.includes("${")),
      ) as Record<string, string>,
      secret_refs: entryRefs(x.entry),
      entry: x.entry,
      ...(off === true ? { disabled: true as const } : {}),
    });
  }
  const { result: imported, draft } = await updateDraft(deps, client.id, profile, async (d) => {
    const servers = [...d.servers];
    const done: string[] = [];
    for (const s of specs) {
      const at = servers.findIndex((x) => x.name === s.name);
      if (at >= 0 && !input.replace) {
        skipped.push(s.name);
        warnings.push(
          `Kept the draft's "${s.name}": it is already in the draft (use --replace to take the file's)`,
        );
        continue;
      }
      if (at >= 0) servers[at] = s;
      else servers.push(s);
      done.push(s.name);
    }
    const used = new Set(specs.filter((s) => done.includes(s.name)).flatMap((s) => s.secret_refs));
    for (const k of Object.keys(secrets)) if (!used.has(k)) delete secrets[k];
    await setSecrets(deps, secrets);
    return { draft: { ...d, servers }, result: done };
  });
  return {
    ...summarize(draft),
    config_path: path,
    imported,
    skipped,
    secrets_stored: Object.keys(secrets).sort(),
    extracted: extracted.filter((e) => imported.includes(e.server)),
    sources: imported.map((server) => ({ server, file: origin[server] ?? path })),
    warnings,
  };
}
