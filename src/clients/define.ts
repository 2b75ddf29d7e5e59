/**
 * Builds a ClientRecord from data: display facts, a per-OS path spec, an optional project file and the
 * entry shape. A record file is then a single `defineClient({...})` call.
 *
 * @example A record file (src/clients/records/cursor.ts)
 * ```ts
 * import { defineClient } from "./define.ts";
 * import { at } from "./paths.ts";
 * export default defineClient({
 *   id: "cursor",
 *   displayName: "Cursor",
 *   format: "json",
 *   paths: { all: at.home(".cursor", "mcp.json") },
 *   project: [".cursor", "mcp.json"],
 *   servers: { path: ["mcpServers"], shape: "map" },
 *   restartHint: "Open Cursor Settings > MCP and refresh the server list (or restart Cursor).",
 *   shape: { secretSyntax: "env-colon", remote: "native" },
 * });
 * ```
 */
import { type PathSpec, projectFile, resolvePath } from "./paths.ts";
import { type EntryShape, shapeCodec } from "./render.ts";
import { nameProblem, type ServerNameRule } from "./server_names.ts";
import type { ClientRecord, Format, ServersLocation } from "./types.ts";
import { type LaunchRules, launchRules } from "./launch.ts";
import type { LogSpec } from "./logs.ts";

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
  /** How the client starts a local server (doctor); the defaults of launch.ts where not given. */
  launch?: Partial<LaunchRules>;
  /** Server names this client's reader refuses (found with the real client); `__proto__` always. */
  names?: ServerNameRule;
  /** Where the client writes its MCP logs (logs.ts). */
  logs?: LogSpec;
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
    launch: launchRules(d.launch),
    serverNameProblem: nameProblem(d.names),
    serverNames: d.names ?? {},
    ...shapeCodec(d.shape),
  };
  if (d.deprecated) rec.deprecated = d.deprecated;
  if (d.logs) rec.logs = d.logs;
  if (d.project) rec.projectPath = projectFile(...d.project);
  return rec;
}
