/**
 * The user's own server.json files in `<home>/registry/*.json`, read through the scoped fs, and the
 * catalogue built from them plus the built-ins. A file that does not parse is skipped with a warning
 * naming it, so one broken file never hides the whole catalogue.
 */
import { join } from "../platform/path.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { builtinEntries, Catalog, type CatalogEntry, entriesOf } from "./catalog.ts";
import { parseServerJsonText } from "./server_json.ts";
import { flagged, readSyncedEntries, sourceOfPath, upstreamStatusOf } from "./upstream.ts";

/** `{path, text}` of every readable `*.json` file in `<home>/registry/`, sorted by name. */
export async function readUserRegistryFiles(
  deps: Deps,
): Promise<{ files: { path: string; text: string }[]; warnings: string[] }> {
  const dir = layout(deps.home).registryDir;
  const files: { path: string; text: string }[] = [];
  const warnings: string[] = [];
  for (const name of await deps.fs.readDir(dir)) {
    if (!name.endsWith(".json") || name.startsWith(".")) continue;
    const path = join(dir, name);
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(await deps.fs.readFile(path));
      entriesOf(parseServerJsonText(text, path), path, "user");
      files.push({ path, text });
    } catch (e) {
      warnings.push(`Skipped the registry file "${path}": ${(e as Error).message}`);
    }
  }
  return { files, warnings };
}

/**
 * The catalogue: built-in servers overridden by the user's files, plus the servers `registry sync` read
 * (registry/synced/). A synced server with the name of a built-in or user server is that server: it adds
 * no second entry, and its upstream status (deprecated, deleted) flags that entry. A synced id that a
 * built-in or user server already has is left out. A server whose registry metadata says deprecated or
 * deleted is flagged (`deprecated`, `upstream_status`).
 */
export async function loadCatalog(deps: Deps): Promise<{ catalog: Catalog; warnings: string[] }> {
  const { files, warnings } = await readUserRegistryFiles(deps);
  const synced = await readSyncedEntries(deps);
  const byId = new Map<string, CatalogEntry>();
  for (const e of builtinEntries()) byId.set(e.id, e);
  for (const f of files) {
    for (const e of entriesOf(parseServerJsonText(f.text, f.path), f.path, "user")) byId.set(e.id, e);
  }
  const byName = new Map<string, string>();
  for (const e of byId.values()) {
    byName.set(e.server.name, e.id);
    const up = upstreamStatusOf(e.server);
    if (up) byId.set(e.id, flagged(e, up, "as imported"));
  }
  for (const e of synced.entries) {
    const up = upstreamStatusOf(e.server);
    const same = byName.get(e.server.name);
    if (same !== undefined) {
      if (up) byId.set(same, flagged(byId.get(same)!, up, sourceOfPath(e.path)));
      continue;
    }
    if (byId.has(e.id)) continue;
    byId.set(e.id, up ? flagged(e, up, sourceOfPath(e.path)) : e);
  }
  return { catalog: new Catalog([...byId.values()]), warnings: [...warnings, ...synced.warnings] };
}
