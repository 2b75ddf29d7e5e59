/**
 * The user's own server.json files in `<home>/registry/*.json`, read through the scoped fs, and the
 * catalogue built from them plus the built-ins. A file that does not parse is skipped with a warning
 * naming it, so one broken file never hides the whole catalogue.
 */
import { join } from "../platform/path.ts";
import type { Deps } from "../platform/deps.ts";
import { layout } from "../store/layout.ts";
import { buildCatalog, type Catalog, entriesOf } from "./catalog.ts";
import { parseServerJsonText } from "./server_json.ts";

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

/** The catalogue: built-in servers overridden by the user's files. */
export async function loadCatalog(deps: Deps): Promise<{ catalog: Catalog; warnings: string[] }> {
  const { files, warnings } = await readUserRegistryFiles(deps);
  return { catalog: buildCatalog(files), warnings };
}
