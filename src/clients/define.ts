/**
 * Builds a ClientRecord from data: display facts, a per-OS path spec, an optional project file and the
 * entry shape. A record file is then a single `defineClient({...})` call.
 *
 * @example
 * export default defineClient({ id: "kiro", displayName: "Kiro", format: "json", paths: {...}, ... });
 */
import { type PathSpec, projectFile, resolvePath } from "./paths.ts";
import { type EntryShape, shapeCodec } from "./render.ts";
import { nameProblem, type ServerNameRule } from "./server_names.ts";
import type { ClientRecord, Format, ServersLocation } from "./types.ts";

export interface ClientData {
  id: string;
  displayName: string;
  deprecated?: string;
  format: Format;
  paths: PathSpec;
  /** Project file relative to the project folder, as path segments. */
  project?: string[];
  servers: ServersLocation;
  restartHint: string;
  shape: EntryShape;
  /** Server names this client's reader refuses (found with the real client); `__proto__` always. */
  names?: ServerNameRule;
}

/** The record for `d`. */
export function defineClient(d: ClientData): ClientRecord {
  const rec: ClientRecord = {
    id: d.id,
    displayName: d.displayName,
    format: d.format,
    configPath: (os, env) => resolvePath(d.paths, os, env),
    servers: d.servers,
    remote: d.shape.remote,
    secretSyntax: d.shape.secretSyntax,
    restartHint: d.restartHint,
    serverNameProblem: nameProblem(d.names),
    serverNames: d.names ?? {},
    ...shapeCodec(d.shape),
  };
  if (d.deprecated) rec.deprecated = d.deprecated;
  if (d.project) rec.projectPath = projectFile(...d.project);
  return rec;
}
