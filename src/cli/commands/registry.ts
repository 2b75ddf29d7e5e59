/** registry import / sync: the text form of their results (the command is declared by
 * src/ops/specs/registry_import.ts). */
import { op } from "../../ops/specs/registry_import.ts";
import type { RegistryImportResult } from "../../ops/registry_import.ts";
import type { RegistrySyncResult } from "../../ops/registry_sync.ts";
import type { TextOf } from "../from_spec.ts";

export { op };

function importText(r: RegistryImportResult): string {
  return `Imported ${r.count} server${r.count === 1 ? "" : "s"} from ${r.file}\n` +
    r.imported.map((s) => `  ${s.id} (${s.name})${s.overrides ? ` overrides the ${s.overrides} entry` : ""}`)
      .join("\n");
}

/** Up to five ids, then how many more. */
function some(ids: string[]): string {
  return ids.slice(0, 5).join(", ") + (ids.length > 5 ? ` and ${ids.length - 5} more` : "");
}

function syncText(r: RegistrySyncResult): string {
  const lines = [
    `Synced ${r.url} (${r.mode === "full" ? "everything" : `changes since ${r.updated_since}`}): ` +
    `${r.received} entr${r.received === 1 ? "y" : "ies"} in ${r.pages} page${r.pages === 1 ? "" : "s"}, ` +
    `${r.written} written, ${r.unchanged} unchanged, ${r.skipped} skipped`,
    `  ${r.servers} server${r.servers === 1 ? "" : "s"} from this registry in ${r.folder}`,
  ];
  if (r.deprecated.length) lines.push(`  deprecated upstream: ${some(r.deprecated)}`);
  if (r.deleted.length) lines.push(`  deleted upstream: ${some(r.deleted)}`);
  lines.push(`  next sync reads what changed since ${r.next_updated_since}`);
  return [...lines, ...r.warnings.map((w) => `warning: ${w}`)].join("\n");
}

export const text: TextOf<typeof op> = (r) =>
  "action" in r && r.action === "sync"
    ? syncText(r as RegistrySyncResult)
    : importText(r as RegistryImportResult);
