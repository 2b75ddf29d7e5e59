/**
 * registry import FILE: accepts one server.json or an official registry API response
 * (`{"servers":[{"server":{...}}]}`), camelCase or the older snake_case drafts, and writes each server,
 * normalised, to `<home>/registry/<id>.json`, where it extends or overrides the built-in catalogue.
 * A document holding a literal secret (`literal_secrets.ts`) is refused with `validation_failed`
 * (PLAINTEXT_SECRET per field, never the value): nothing is written.
 */
import { join } from "../platform/path.ts";
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { readNamedFile, userPath } from "../platform/named_file.ts";
import { builtinEntries } from "../registry/catalog.ts";
import { CATALOG_META_KEY, catalogMeta, ID_PATTERN, parseServerJsonText } from "../registry/server_json.ts";
import { writeJson } from "../store/json_file.ts";
import { layout } from "../store/layout.ts";
import { withLock } from "../platform/lock.ts";
import { literalSecretsIn } from "../registry/literal_secrets.ts";

export interface ImportedServer {
  id: string;
  name: string;
  path: string;
  /** "builtin": it now overrides a built-in server; "user": it replaced an earlier import. */
  overrides: "builtin" | "user" | null;
}

export interface RegistryImportResult {
  file: string;
  count: number;
  imported: ImportedServer[];
}

/** Imports the server(s) of `file` into the user's registry folder. */
export async function registryImport(deps: Deps, input: { file: string }): Promise<RegistryImportResult> {
  if (!input.file) throw new AppError("invalid_input", "Give the server.json file to import");
  const path = userPath(deps, input.file);
  return await registryImportText(deps, await readNamedFile(deps, path, { label: `"${input.file}"` }), path);
}

/** Refuses servers holding a literal secret: validation_failed with PLAINTEXT_SECRET per field. */
function refuseLiteralSecrets(entries: { id: string; server: { name: string } }[], path: string): void {
  const errors = entries.flatMap((e) =>
    literalSecretsIn(e.server).map((h) => ({
      code: "PLAINTEXT_SECRET",
      server: e.id,
      field: h.field,
      message:
        `Server "${e.server.name}" holds a literal secret in ${h.field}${h.name ? ` (${h.name})` : ""}: ` +
        "remove the value; users give it with add-server --env/--param, which stores it in secrets.json",
    }))
  );
  if (!errors.length) return;
  const n = errors.length;
  throw new AppError(
    "validation_failed",
    `Cannot import ${JSON.stringify(path)}: ${n} literal secret${n > 1 ? "s" : ""} (${
      errors.map((e) => e.field).join(", ")
    }); a catalogue entry may not carry credentials`,
    { errors },
  );
}

/** Imports server.json text (a file's, or one an assistant sent over MCP) into the user's registry. */
export async function registryImportText(
  deps: Deps,
  text: string,
  source: string,
): Promise<RegistryImportResult> {
  const path = source;
  const entries = parseServerJsonText(text, path).map((server) => {
    // The id: our _meta id, else the tail of the reverse-DNS name (never the file name: "server.json").
    const tail = server.name.split("/").pop()!.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(
      /^[^a-z0-9]+/,
      "",
    );
    const id = catalogMeta(server).id ?? tail;
    if (!ID_PATTERN.test(id)) {
      throw new AppError("invalid_input", `Cannot derive a catalogue id from "${server.name}"`, {
        name: server.name,
      });
    }
    return { id, server };
  });
  refuseLiteralSecrets(entries, path);
  const builtin = new Set(builtinEntries().map((e) => e.id));
  const l = layout(deps.home);
  await deps.fs.mkdir(l.locksDir, 0o700);
  const imported = await withLock(deps.fs, l.lock("registry"), async () => {
    const out: ImportedServer[] = [];
    for (const e of entries) {
      const target = join(l.registryDir, `${e.id}.json`);
      const existed = (await deps.fs.stat(target)) !== null;
      const meta = { ...(e.server._meta ?? {}) } as Record<string, unknown>;
      meta[CATALOG_META_KEY] = { ...((meta[CATALOG_META_KEY] as object | undefined) ?? {}), id: e.id };
      await writeJson(deps.fs, target, { ...e.server, _meta: meta });
      out.push({
        id: e.id,
        name: e.server.name,
        path: target,
        overrides: existed ? "user" : builtin.has(e.id) ? "builtin" : null,
      });
    }
    return out;
  });
  return { file: path, count: imported.length, imported };
}
